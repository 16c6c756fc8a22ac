package dev.switchboard.testing;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.node.GatewayNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway on ephemeral ports with its own data folder, started in this JVM. Either started
 * directly ({@link #start}) or shared by a test class:
 * {@code @RegisterExtension static final TestGateway.PerClass gw = TestGateway.perClass();}
 */
public final class TestGateway implements GatewayClients, AutoCloseable {
    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

    private final GatewayNode gateway;
    private final TokenIssuer issuer = new TokenIssuer(SECRET, Clock.systemUTC());
    public final Api service;

    private TestGateway(GatewayNode gateway) {
        this.gateway = gateway;
        this.service = api(token("backend", Role.SERVICE));
    }

    public static TestGateway start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static TestGateway start(Path dataDir, Map<ConfigKey, String> overrides) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.HTTP_HOST, "127.0.0.1");
        values.put(ConfigKey.HTTP_PORT, "0");
        values.put(ConfigKey.WS_PORT, "0");
        values.put(ConfigKey.DATA_DIR, dataDir.toString());
        values.put(ConfigKey.TOKEN_SECRET, SECRET);
        values.put(ConfigKey.NODE_ID, "test-node");
        values.put(ConfigKey.DRAIN_GRACE, "0s"); // tests that drain set their own grace
        values.putAll(overrides);
        try {
            return new TestGateway(GatewayNode.start(GatewayConfig.from(values), Clock.systemUTC()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String deviceToken(String user, String device, Duration ttl) {
        return issuer.issue(user, Role.USER, device, ttl);
    }

    @Override
    public String token(String user, Role role) {
        return issuer.issue(user, role, null, Duration.ofHours(1));
    }

    @Override
    public GatewayNode gateway() {
        return gateway;
    }

    @Override
    public Api service() {
        return service;
    }

    @Override
    public void close() {
        gateway.close();
    }

    public static PerClass perClass() {
        return new PerClass(Map.of());
    }

    public static PerClass perClass(Map<ConfigKey, String> overrides) {
        return new PerClass(overrides);
    }

    /** One gateway for all tests of a class, in a data folder of its own that is deleted afterwards. */
    public static final class PerClass implements GatewayClients, BeforeAllCallback,
            AfterAllCallback {
        private final Map<ConfigKey, String> overrides;
        private Path dir;
        private TestGateway gateway;

        private PerClass(Map<ConfigKey, String> overrides) {
            this.overrides = overrides;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            dir = Files.createTempDirectory("switchboard-test");
            gateway = TestGateway.start(dir, overrides);
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            gateway.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        @Override
        public Api service() {
            return gateway.service;
        }

        @Override
        public String token(String user, Role role) {
            return gateway.token(user, role);
        }

        @Override
        public String deviceToken(String user, String device, Duration ttl) {
            return gateway.deviceToken(user, device, ttl);
        }

        @Override
        public GatewayNode gateway() {
            return gateway.gateway();
        }
    }
}
