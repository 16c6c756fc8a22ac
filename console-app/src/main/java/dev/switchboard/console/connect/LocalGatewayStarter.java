package dev.switchboard.console.connect;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.simulator.run.EmbeddedGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Starts the gateway the console runs inside its own JVM: an {@link EmbeddedGateway} on the embedded
 * default, H2 in {@code <console home>/local-gateway/data}. Its token secret is created once and kept
 * (owner-only) next to the data, so events and tokens survive a restart of the console. So do its
 * ports ({@link KeptPorts}): the first start takes free ones on 127.0.0.1 and keeps them, later starts
 * listen on them again, so copied URLs go on working; only when one is taken meanwhile does it move to
 * new free ports, and says so. The console connects to it like to any other gateway, with the admin
 * token the embedded gateway minted.
 *
 * <p>Threads: {@link #start} does disk and network work: call it off the JavaFX thread.
 */
final class LocalGatewayStarter {
    private static final Logger log = LoggerFactory.getLogger(LocalGatewayStarter.class);

    private LocalGatewayStarter() {
    }

    static LocalGateway start(Path consoleHome) throws IOException {
        Path folder = consoleHome.resolve("local-gateway");
        Files.createDirectories(folder.resolve("data"));
        String secret = secret(folder.resolve("token-secret"));
        Path portsFile = folder.resolve("ports.properties");
        KeptPorts kept = KeptPorts.read(portsFile);
        EmbeddedGateway gateway;
        String note = "";
        if (kept == null) {
            gateway = start(folder, secret, new KeptPorts(0, 0));
        } else {
            try {
                gateway = start(folder, secret, kept);
            } catch (IOException taken) {
                gateway = start(folder, secret, new KeptPorts(0, 0));
                note = "Its ports " + kept.http() + " (HTTP) and " + kept.ws() + " (WebSocket) were taken ("
                        + taken.getMessage() + "): it now listens on " + gateway.httpUrl() + " and " + gateway.wsUrl()
                        + ", kept from now on.";
                log.warn("local gateway: {}", note);
            }
        }
        new KeptPorts(gateway.gateway().httpPort(), gateway.gateway().wsPort()).write(portsFile);
        // SIGTERM (a logout, systemd, kill) ends the JVM without closing the window: the gateway must still
        // drain and close its event log, or the next start finds an unclean stop to recover from. Closing
        // twice is harmless, so a window closed first leaves this hook nothing to do.
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "local-gateway-stop"));
        return new LocalGateway(gateway, note);
    }

    /** Port 0 for a free one. */
    private static EmbeddedGateway start(Path folder, String secret, KeptPorts ports) throws IOException {
        Map<ConfigKey, String> overrides = new EnumMap<>(ConfigKey.class);
        overrides.put(ConfigKey.NODE_ID, "local");
        overrides.put(ConfigKey.HTTP_PORT, Integer.toString(ports.http()));
        overrides.put(ConfigKey.WS_PORT, Integer.toString(ports.ws()));
        return EmbeddedGateway.startKept(folder.resolve("data"), secret, "console", overrides);
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
