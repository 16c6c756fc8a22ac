package dev.switchboard.cluster;

import dev.switchboard.eventlog.LogWriteLock;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Effects one node of a shared log must have on every node: an ACL revoke made through any node
 * evicts the user's connections on all of them; an admin's disconnect reaches the node that holds the
 * connection.
 *
 * <p>Design. A command is a row of {@code cluster_commands}, written in the shared database, so it
 * reaches every node whether Redis is up or not. Its id is taken under the event log's write lock
 * (the {@code log_counters} row every writer locks, see the event log's {@code SharedLog}), so ids
 * become visible in order and a node that reads after the last id it applied misses none. Each node
 * reads new commands every {@code poll} and applies those of other nodes (its own it applied when it
 * gave them). Rows older than an hour are deleted by whichever node gives a command.
 *
 * <p>Threads: {@link #issue} runs on the caller's (an HTTP worker); reading and applying on
 * {@code cluster-commands}. Handlers must not block.
 */
public final class ClusterCommands implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterCommands.class);
    private static final long KEEP_MILLIS = TimeUnit.HOURS.toMillis(1);

    /** Applies a command of {@code kind} given on another node: what it acts on, and a detail (who, for whom). */
    @FunctionalInterface
    public interface Handler {
        void apply(String target, String detail);
    }

    private final DataSource dataSource;
    private final String node;
    private final Clock clock;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-commands");
        t.setDaemon(true);
        return t;
    });
    private long lastApplied; // reader thread only, after start
    /** The position last written to this node's row; -1 before any (reader thread). */
    private long reported = -1;

    public ClusterCommands(DataSource dataSource, String node, Clock clock) {
        this.dataSource = dataSource;
        this.node = node;
        this.clock = clock;
    }

    public void on(String kind, Handler handler) {
        handlers.put(kind, handler);
    }

    /** Starts reading the commands given from now on, every {@code poll}. */
    public void start(Duration poll) throws SQLException {
        lastApplied = lastId();
        reader.scheduleWithFixedDelay(this::readNew, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private long lastId() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM cluster_commands");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Gives every other node a command; returns its id once it is stored (they apply it within a poll). */
    public long issue(String kind, String target, String detail) throws SQLException {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                LogWriteLock.take(c); // ids then become visible in the order they are taken
                long id;
                try (PreparedStatement max = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM cluster_commands");
                     ResultSet rs = max.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_commands (id, kind, target, detail, origin, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, id);
                    ps.setString(2, kind);
                    ps.setString(3, target);
                    ps.setString(4, detail);
                    ps.setString(5, node);
                    ps.setLong(6, now);
                    ps.executeUpdate();
                }
                try (PreparedStatement old = c.prepareStatement("DELETE FROM cluster_commands WHERE at < ? AND id < ?")) {
                    old.setLong(1, now - KEEP_MILLIS);
                    old.setLong(2, id);
                    old.executeUpdate();
                }
                c.commit();
                log.info("cluster: gave command {} {} target={} detail={}", id, kind, target, detail);
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void readNew() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, kind, target, detail, origin FROM cluster_commands"
                     + " WHERE id > ? ORDER BY id")) {
            ps.setLong(1, lastApplied);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lastApplied = rs.getLong(1);
                    String kind = rs.getString(2);
                    if (node.equals(rs.getString(5))) {
                        continue;
                    }
                    Handler h = handlers.get(kind);
                    if (h == null) {
                        log.warn("cluster: command {} of an unknown kind {} from {}; ignored", lastApplied, kind, rs.getString(5));
                        continue;
                    }
                    log.info("cluster: applying command {} {} target={} detail={} from {}", lastApplied, kind, rs.getString(3),
                            rs.getString(4), rs.getString(5));
                    h.apply(rs.getString(3), rs.getString(4));
                }
            }
            report(c);
        } catch (SQLException | RuntimeException e) {
            log.warn("cluster: cannot read commands ({}); retrying", e.getMessage());
        }
    }

    /** Writes how far this node has applied, when it moved (or its row was not there yet). */
    private void report(Connection c) throws SQLException {
        long applied = lastApplied;
        if (applied == reported) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_nodes SET commands_applied = ? WHERE node = ?")) {
            ps.setLong(1, applied);
            ps.setString(2, node);
            if (ps.executeUpdate() == 1) {
                reported = applied;
            }
        }
    }

    /**
     * Waits up to {@code max} for every other live node (heartbeat within {@link NodeRegistry#DEAD_AFTER},
     * not stopped) to have applied command {@code id}; the nodes that had not by then (empty: all did).
     */
    public List<String> awaitApplied(long id, Duration max) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<String> behind = new ArrayList<>();
            long now = clock.millis();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT node, state, heartbeat_at, commands_applied FROM cluster_nodes");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean alive = !"stopped".equals(rs.getString(2))
                            && now - rs.getLong(3) <= NodeRegistry.DEAD_AFTER.toMillis();
                    if (alive && !node.equals(rs.getString(1)) && rs.getLong(4) < id) {
                        behind.add(rs.getString(1));
                    }
                }
            }
            if (behind.isEmpty() || System.nanoTime() > deadline) {
                return behind;
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
