package dev.switchboard.simulator.run;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.gateway.Gateway;

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
 * A real gateway in this JVM: a temporary data folder (deleted on close), ephemeral ports on
 * 127.0.0.1, a random token secret the simulator knows, {@code drain.grace 0s}. A restart closes it
 * (clients are told to reconnect) and starts a new one on the same ports and data folder.
 *
 * <p>Threads: {@link #restart} runs on the timeline's thread while devices and publishers use the
 * gateway over the network only; {@code gateway} is volatile for the reads of the other threads.
 */
public final class EmbeddedGateway implements GatewayTarget {
    private final Path dataDir;
    private final Map<ConfigKey, String> values;
    private final TokenIssuer issuer;
    private final String serviceToken;
    private final String adminToken;
    private volatile Gateway gateway;
    private final int httpPort;
    private final int wsPort;

    private EmbeddedGateway(Path dataDir, Map<ConfigKey, String> values, Gateway gateway) {
        this.dataDir = dataDir;
        this.values = values;
        this.gateway = gateway;
        this.httpPort = gateway.httpPort();
        this.wsPort = gateway.wsPort();
        this.issuer = new TokenIssuer(values.get(ConfigKey.TOKEN_SECRET), Clock.systemUTC());
        this.serviceToken = issuer.issue("simulator-backend", Role.SERVICE, null, Duration.ofDays(1));
        this.adminToken = issuer.issue("simulator-qa", Role.ADMIN, null, Duration.ofDays(1));
    }

    public static EmbeddedGateway start() {
        return start(Map.of());
    }

    /** Starts one; {@code overrides} win over the simulator's settings. */
    public static EmbeddedGateway start(Map<ConfigKey, String> overrides) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        Path dir;
        try {
            dir = Files.createTempDirectory("switchboard-simulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values.put(ConfigKey.HTTP_HOST, "127.0.0.1");
        values.put(ConfigKey.HTTP_PORT, "0");
        values.put(ConfigKey.WS_PORT, "0");
        values.put(ConfigKey.DATA_DIR, dir.toString());
        values.put(ConfigKey.TOKEN_SECRET, HexFormat.of().formatHex(secret));
        values.put(ConfigKey.NODE_ID, "simulator");
        values.put(ConfigKey.DRAIN_GRACE, "0s");
        // Clients of a restarting gateway come back within half a second rather than five.
        values.put(ConfigKey.DRAIN_RECONNECT_SPREAD, "500ms");
        // Every simulated device connects from 127.0.0.1.
        values.put(ConfigKey.WS_MAX_CONNECTIONS_PER_IP, "100000");
        values.putAll(overrides);
        try {
            return new EmbeddedGateway(dir, values, Gateway.start(GatewayConfig.from(values), Clock.systemUTC()));
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw new IllegalStateException("cannot start the embedded gateway: " + e.getMessage(), e);
        }
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

    public Gateway gateway() {
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
                gateway = Gateway.start(GatewayConfig.from(again), Clock.systemUTC());
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
            delete(dataDir);
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
