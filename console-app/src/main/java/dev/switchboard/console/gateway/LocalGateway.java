package dev.switchboard.console.gateway;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.gateway.Gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A gateway the console runs inside its own JVM on the embedded default: H2 in
 * {@code <console home>/local-gateway/data}, HTTP and WebSocket on free ports of 127.0.0.1. Its
 * token secret is created once and kept (owner-only) next to the data, so events and tokens survive
 * a restart of the console. The console connects to it like to any other gateway, with an admin
 * token minted from that secret.
 *
 * <p>Threads: {@link #start} does disk and network work: call it off the JavaFX thread.
 */
public final class LocalGateway implements AutoCloseable {
    private final Gateway gateway;
    private final TokenIssuer issuer;
    private final String secret;
    private final Path folder;

    private LocalGateway(Gateway gateway, String secret, Path folder) {
        this.gateway = gateway;
        this.secret = secret;
        this.folder = folder;
        this.issuer = new TokenIssuer(secret, Clock.systemUTC());
    }

    public static LocalGateway start(Path consoleHome) throws IOException {
        Path folder = consoleHome.resolve("local-gateway");
        Files.createDirectories(folder.resolve("data"));
        String secret = secret(folder.resolve("token-secret"));
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.HTTP_HOST, "127.0.0.1");
        values.put(ConfigKey.HTTP_PORT, "0");
        values.put(ConfigKey.WS_PORT, "0");
        values.put(ConfigKey.DATA_DIR, folder.resolve("data").toString());
        values.put(ConfigKey.TOKEN_SECRET, secret);
        values.put(ConfigKey.NODE_ID, "local");
        values.put(ConfigKey.DRAIN_GRACE, "0s");
        // Simulated devices all connect from 127.0.0.1.
        values.put(ConfigKey.WS_MAX_CONNECTIONS_PER_IP, "100000");
        return new LocalGateway(Gateway.start(GatewayConfig.from(values), Clock.systemUTC()), secret, folder);
    }

    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String s = HexFormat.of().formatHex(bytes);
        Files.writeString(file, s, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the user's profile folder is the protection
        }
        return s;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + gateway.httpPort();
    }

    public String adminToken() {
        return issuer.issue("console", Role.ADMIN, null, Duration.ofDays(30));
    }

    /** The secret the simulator needs to mint its devices' tokens. */
    public String tokenSecret() {
        return secret;
    }

    public Path folder() {
        return folder;
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
