package dev.switchboard.simulator.run;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.node.GatewayNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A real gateway in this JVM: ephemeral ports on 127.0.0.1, a token secret its starter knows,
 * {@code drain.grace 0s}. The simulator's has a temporary data folder (deleted on close) and a random
 * secret ({@link #start}); the console's local gateway keeps its folder and secret across runs
 * ({@link #startKept}). A restart closes it (clients are told to reconnect) and starts a new one on
 * the same ports and data folder.
 *
 * <p>Threads: {@link #restart} runs on the timeline's thread while devices and publishers use the
 * gateway over the network only; {@code gateway} is volatile for the reads of the other threads.
 */
public final class EmbeddedGateway implements SimulationTarget {
    private final Path dataDir;
    /** A folder of our own, deleted on close; else the starter's, kept. */
    private final boolean temporary;
    private final Map<ConfigKey, String> values;
    private final TokenIssuer issuer;
    private final String serviceToken;
    private final String adminToken;
    private volatile GatewayNode gateway;
    private final int httpPort;
    private final int wsPort;

    private EmbeddedGateway(Path dataDir, boolean temporary, Map<ConfigKey, String> values, GatewayNode gateway,
                            String adminUser) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.values = values;
        this.gateway = gateway;
        this.httpPort = gateway.httpPort();
        this.wsPort = gateway.wsPort();
        this.issuer = new TokenIssuer(values.get(ConfigKey.TOKEN_SECRET), Clock.systemUTC());
        this.serviceToken = issuer.issue("simulator-backend", Role.SERVICE, null, Duration.ofDays(1));
        this.adminToken = issuer.issue(adminUser, Role.ADMIN, null, Duration.ofDays(30));
    }

    public static EmbeddedGateway start() {
        return start(Map.of());
    }

    /** Starts one in a temporary folder with a random secret; {@code overrides} win over the simulator's settings. */
    public static EmbeddedGateway start(Map<ConfigKey, String> overrides) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path dir;
        try {
            dir = Files.createTempDirectory("switchboard-simulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return start(dir, true, HexFormat.of().formatHex(secret), "simulator-qa", overrides);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw new IllegalStateException("cannot start the embedded gateway: " + e.getMessage(), e);
        }
    }

    /**
     * Starts one on a data folder and secret the caller keeps (the console's local gateway), so events
     * and tokens survive a restart of the caller. Closing it leaves the folder.
     *
     * @param adminUser who the admin token names (the audit log shows it)
     */
    public static EmbeddedGateway startKept(Path dataDir, String secret, String adminUser,
                                            Map<ConfigKey, String> overrides) throws IOException {
        return start(dataDir, false, secret, adminUser, overrides);
    }

    private static EmbeddedGateway start(Path dir, boolean temporary, String secret, String adminUser,
                                         Map<ConfigKey, String> overrides) throws IOException {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.HTTP_HOST, "127.0.0.1");
        values.put(ConfigKey.HTTP_PORT, "0");
        values.put(ConfigKey.WS_PORT, "0");
        values.put(ConfigKey.DATA_DIR, dir.toString());
        values.put(ConfigKey.TOKEN_SECRET, secret);
        values.put(ConfigKey.NODE_ID, "simulator");
        values.put(ConfigKey.DRAIN_GRACE, "0s");
        // Clients of a restarting gateway come back within half a second rather than five.
        values.put(ConfigKey.DRAIN_RECONNECT_SPREAD, "500ms");
        // Every simulated device connects from 127.0.0.1.
        values.put(ConfigKey.WS_MAX_CONNECTIONS_PER_IP, "100000");
        values.putAll(overrides);
        GatewayNode gateway = GatewayNode.start(GatewayConfig.from(values), Clock.systemUTC());
        return new EmbeddedGateway(dir, temporary, values, gateway, adminUser);
    }

    /** The secret its tokens are signed with (a simulation in another JVM mints device tokens with it). */
    public String tokenSecret() {
        return values.get(ConfigKey.TOKEN_SECRET);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public String wsUrl() {
        return "ws://127.0.0.1:" + wsPort + "/ws";
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

    public GatewayNode gateway() {
        return gateway;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public void restart(Duration downtime) throws IOException {
        gateway.close();
        sleep(downtime.toMillis());
        Map<ConfigKey, String> again = new EnumMap<>(values);
        again.put(ConfigKey.HTTP_PORT, Integer.toString(httpPort));
        again.put(ConfigKey.WS_PORT, Integer.toString(wsPort));
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                gateway = GatewayNode.start(GatewayConfig.from(again), Clock.systemUTC());
                return;
            } catch (IOException e) {
                // the old listener's port may take a moment to be free again
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                sleep(100);
            }
        }
    }

    @Override
    public String describe() {
        return "embedded gateway (" + httpUrl() + ", " + wsUrl() + ")";
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            if (temporary) {
                delete(dataDir);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; nothing else to do
        }
    }
}
