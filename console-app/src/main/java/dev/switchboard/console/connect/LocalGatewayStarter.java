package dev.switchboard.console.connect;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.simulator.run.EmbeddedGateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Starts the gateway the console runs inside its own JVM: an {@link EmbeddedGateway} on the embedded
 * default, H2 in {@code <console home>/local-gateway/data}. Its token secret is created once and kept
 * (owner-only) next to the data, so events and tokens survive a restart of the console. The console
 * connects to it like to any other gateway, with the admin token the embedded gateway minted.
 *
 * <p>Threads: {@link #start} does disk and network work: call it off the JavaFX thread.
 */
final class LocalGatewayStarter {
    private LocalGatewayStarter() {
    }

    static EmbeddedGateway start(Path consoleHome) throws IOException {
        Path folder = consoleHome.resolve("local-gateway");
        Files.createDirectories(folder.resolve("data"));
        EmbeddedGateway gateway = EmbeddedGateway.startKept(folder.resolve("data"), secret(folder.resolve("token-secret")),
                "console", Map.of(ConfigKey.NODE_ID, "local"));
        // SIGTERM (a logout, systemd, kill) ends the JVM without closing the window: the gateway must still
        // drain and close its event log, or the next start finds an unclean stop to recover from. Closing
        // twice is harmless, so a window closed first leaves this hook nothing to do.
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "local-gateway-stop"));
        return gateway;
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
}
