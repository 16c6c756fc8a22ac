package dev.switchboard.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The nodes of a cluster, as each of them reports itself: a row of {@code cluster_nodes} per node in
 * the shared database, refreshed every second with its state and connection count. A node whose row
 * is older than {@link #DEAD_AFTER} is reported {@code dead} (killed, or cut off from the database);
 * one that stopped cleanly says {@code stopped}. On a log this node writes alone (H2) nothing is
 * stored and the list is this node.
 *
 * <p>Threads: the heartbeat runs on {@code node-heartbeat}; {@link #list} on the caller's.
 */
public final class NodeRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);
    public static final Duration DEAD_AFTER = Duration.ofSeconds(5);
    private static final long BEAT_MILLIS = 1_000;

    /** A node as listed by {@code GET /admin/nodes}; times in epoch milliseconds. */
    public record Node(String node, String httpUrl, String wsUrl, String version, String state, int connections,
                       long startedAt, long lastHeartbeat) {
    }

    private final DataSource dataSource;
    private final boolean shared;
    private final Clock clock;
    private final String node;
    private final String httpUrl;
    private final String wsUrl;
    private final String version;
    private final long startedAt;
    private final Supplier<String> state;
    private final IntSupplier connections;
    private volatile Consumer<List<Node>> watcher;
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param state ready, draining or degraded, asked at each heartbeat
     */
    public NodeRegistry(DataSource dataSource, boolean shared, Clock clock, String node, String httpUrl, String wsUrl,
                        String version, Supplier<String> state, IntSupplier connections) {
        this.dataSource = dataSource;
        this.shared = shared;
        this.clock = clock;
        this.node = node;
        this.httpUrl = httpUrl;
        this.wsUrl = wsUrl;
        this.version = version;
        this.startedAt = clock.millis();
        this.state = state;
        this.connections = connections;
        if (shared) {
            beat(state.get());
            beat.scheduleWithFixedDelay(this::beatAndWatch, BEAT_MILLIS, BEAT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Hands the list of nodes to {@code watcher} after each heartbeat (on the heartbeat thread). */
    public void watch(Consumer<List<Node>> watcher) {
        this.watcher = watcher;
    }

    private void beatAndWatch() {
        beat(state.get());
        Consumer<List<Node>> w = watcher;
        if (w == null) {
            return;
        }
        try {
            w.accept(list());
        } catch (SQLException | RuntimeException e) {
            log.warn("cluster: cannot read the list of nodes ({})", e.getMessage());
        }
    }

    private Node self(String st, long at) {
        return new Node(node, httpUrl, wsUrl, version, st, connections.getAsInt(), startedAt, at);
    }

    private void beat(String st) {
        Node me = self(st, clock.millis());
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement up = c.prepareStatement("UPDATE cluster_nodes SET http_url = ?, ws_url = ?, version = ?,"
                    + " state = ?, connections = ?, started_at = ?, heartbeat_at = ? WHERE node = ?")) {
                bind(up, me, 1);
                up.setString(8, node);
                updated = up.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement in = c.prepareStatement("INSERT INTO cluster_nodes (http_url, ws_url, version, state,"
                        + " connections, started_at, heartbeat_at, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(in, me, 1);
                    in.setString(8, node);
                    in.executeUpdate();
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("cluster: cannot write this node's heartbeat ({})", e.getMessage());
        }
    }

    private static void bind(PreparedStatement ps, Node n, int first) throws SQLException {
        ps.setString(first, n.httpUrl());
        ps.setString(first + 1, n.wsUrl());
        ps.setString(first + 2, n.version());
        ps.setString(first + 3, n.state());
        ps.setInt(first + 4, n.connections());
        ps.setLong(first + 5, n.startedAt());
        ps.setLong(first + 6, n.lastHeartbeat());
    }

    /** When this node started (epoch ms), as its row says. */
    public long startedAt() {
        return startedAt;
    }

    /** Every node known, by name; a node silent for {@link #DEAD_AFTER} is {@code dead}. */
    public List<Node> list() throws SQLException {
        long now = clock.millis();
        if (!shared) {
            return List.of(self(state.get(), now));
        }
        List<Node> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT node, http_url, ws_url, version, state, connections,"
                     + " started_at, heartbeat_at FROM cluster_nodes ORDER BY node");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String st = rs.getString(5);
                long heartbeat = rs.getLong(8);
                if (!st.equals("stopped") && now - heartbeat > DEAD_AFTER.toMillis()) {
                    st = "dead";
                }
                out.add(new Node(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), st, rs.getInt(6),
                        rs.getLong(7), heartbeat));
            }
        }
        return out;
    }

    /** Stops the heartbeat and says this node stopped. */
    @Override
    public void close() {
        beat.shutdownNow();
        if (shared) {
            beat("stopped");
        }
    }
}
