package dev.switchboard.testing;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.gateway.Gateway;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** A real gateway on ephemeral ports with its own data folder, started in this JVM. */
public final class TestGateway implements AutoCloseable {
    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

    private final Gateway gateway;
    private final TokenIssuer issuer = new TokenIssuer(SECRET, Clock.systemUTC());
    public final Api service;

    private TestGateway(Gateway gateway) {
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
        values.putAll(overrides);
        try {
            return new TestGateway(Gateway.start(GatewayConfig.from(values), Clock.systemUTC()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String token(String user, Role role) {
        return issuer.issue(user, role, null, Duration.ofHours(1));
    }

    public Api api(String token) {
        return new Api("http://127.0.0.1:" + gateway.httpPort(), token);
    }

    public Api anonymous() {
        return api(null);
    }

    public Api user(String userId) {
        return api(token(userId, Role.USER));
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
