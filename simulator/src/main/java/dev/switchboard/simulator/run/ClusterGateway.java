package dev.switchboard.simulator.run;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.cli.ServeProcess;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A cluster the simulator runs itself (docs/cluster.md): {@code n} gateway nodes, each its own
 * process ({@code serve} from this JVM's class path, so that one can be killed with SIGKILL), on one
 * PostgreSQL event log the caller names, with a Redis the simulator starts and can stop and start
 * again (the redis-server binary {@code embedded-redis} carries). Devices are spread over the nodes
 * and know the others ({@code alsoGateway}); the backend publishes on every node in turn.
 *
 * <p>Threads: steps (kill, Redis, restart) run on the timeline's thread, one at a time; devices and
 * publishers use the nodes over the network only.
 */
public final class ClusterGateway implements SimulationTarget {
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Path dir;
    private final String secret;
    private final TokenIssuer issuer;
    private final String serviceToken;
    private final String adminToken;
    private final int redisPort;
    private RedisServer redis;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its process (replaced by a restart) and its ports, which stay. */
    private static final class Node {
        final String name;
        volatile ServeProcess process;
        int httpPort;
        int wsPort;

        Node(String name) {
            this.name = name;
        }
    }

    private ClusterGateway(String dbUrl, String dbUser, String dbPassword, Path dir, String secret, int redisPort) {
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.dir = dir;
        this.secret = secret;
        this.issuer = new TokenIssuer(secret, Clock.systemUTC());
        this.serviceToken = issuer.issue("simulator-backend", Role.SERVICE, null, Duration.ofDays(1));
        this.adminToken = issuer.issue("simulator-qa", Role.ADMIN, null, Duration.ofDays(30));
        this.redisPort = redisPort;
    }

    /**
     * Starts Redis and {@code count} nodes on the PostgreSQL at {@code dbUrl} (its tables are created on
     * first use, as a node's are); everything it started stops on {@link #close}.
     */
    public static ClusterGateway start(int count, String dbUrl, String dbUser, String dbPassword) {
        if (count < 2) {
            throw new IllegalArgumentException("a cluster has at least 2 nodes, got " + count);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ClusterGateway cluster;
        try {
            cluster = new ClusterGateway(dbUrl, dbUser, dbPassword, Files.createTempDirectory("switchboard-cluster"),
                    HexFormat.of().formatHex(random), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.launchRedis();
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Node n = new Node("sim-node-" + (char) ('a' + i));
                cluster.nodes.add(n);
                starting.add(CompletableFuture.runAsync(() -> cluster.launch(n, 0, 0)));
            }
            starting.forEach(CompletableFuture::join);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw new IllegalStateException("cannot start the cluster: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts node {@code n}'s process on the ports given (0: any) and waits for it to be ready. */
    private void launch(Node n, int httpPort, int wsPort) {
        Path data = dir.resolve(n.name);
        List<String> flags = new ArrayList<>(List.of("--data-dir", data.toString(), "--http-host", "127.0.0.1",
                "--http-port", Integer.toString(httpPort), "--ws-port", Integer.toString(wsPort), "--node-id", n.name,
                "--db-url", dbUrl, "--redis-url", "redis://127.0.0.1:" + redisPort,
                "--cluster-log-poll", "50ms", "--drain-grace", "0s", "--drain-reconnect-spread", "500ms",
                "--ws-max-connections-per-ip", "100000"));
        if (dbUser != null) {
            flags.addAll(List.of("--db-user", dbUser));
        }
        // Secrets in the environment, not on the command line, where any local user's ps would show them.
        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_TOKEN_SECRET", secret);
        if (dbPassword != null) {
            env.put("SWITCHBOARD_DB_PASSWORD", dbPassword);
        }
        try {
            Files.createDirectories(data);
            ServeProcess p = ServeProcess.start(flags, dir, dir.resolve(n.name + ".log"), env, Duration.ofSeconds(60));
            n.process = p;
            n.httpPort = p.httpPort();
            n.wsPort = p.wsPort();
        } catch (IOException e) {
            throw new UncheckedIOException(n.name + ": " + e.getMessage(), e);
        }
    }

    private void launchRedis() {
        try {
            redis = RedisServer.newRedisServer().bind("127.0.0.1").port(redisPort).setting("save \"\"")
                    .setting("appendonly no").build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on port " + redisPort + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String httpUrl() {
        return nodes().get(0).httpUrl();
    }

    @Override
    public String wsUrl() {
        return nodes().get(0).wsUrl();
    }

    @Override
    public List<Endpoint> nodes() {
        List<Endpoint> out = new ArrayList<>();
        for (Node n : nodes) {
            out.add(new Endpoint(n.name, "http://127.0.0.1:" + n.httpPort, "ws://127.0.0.1:" + n.wsPort + "/ws"));
        }
        return out;
    }

    @Override
    public String serviceToken() {
        return serviceToken;
    }

    @Override
    public String adminToken() {
        return adminToken;
    }

    @Override
    public TokenIssuer issuer() {
        return issuer;
    }

    /** A restart is the first node's: stopped (SIGTERM, drained), then started on the same ports. */
    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public void restart(Duration downtime) throws IOException {
        Node n = nodes.get(0);
        stop(n.process, false);
        sleep(downtime);
        launch(n, n.httpPort, n.wsPort);
    }

    @Override
    public boolean isCluster() {
        return true;
    }

    @Override
    public void killNode(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("no node " + index + "; this cluster has nodes 0.." + (nodes.size() - 1));
        }
        stop(nodes.get(index).process, true);
    }

    @Override
    public void stopRedis() {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void startRedis() {
        launchRedis();
    }

    private static void stop(ServeProcess p, boolean kill) {
        if (p == null || !p.alive()) {
            return;
        }
        try {
            if (kill) {
                p.kill(); // SIGKILL: no drain, no goodbye, as a crash
            } else {
                p.terminate();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return nodes.size() + "-node cluster (" + String.join(", ", nodes().stream().map(e -> e.name() + " " + e.httpUrl()).toList())
                + "; Redis 127.0.0.1:" + redisPort + ")";
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(n -> stop(n.process, false));
        stopRedis();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the OS cleans up
        }
    }
}
