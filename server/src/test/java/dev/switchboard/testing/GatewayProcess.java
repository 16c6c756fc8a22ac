package dev.switchboard.testing;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.cli.ServeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gateway in its own JVM, started through the real command line ({@code switchboard serve},
 * {@link ServeProcess}), so a test can SIGKILL or SIGTERM it like an operator's kill would.
 */
public final class GatewayProcess implements AutoCloseable {
    private final ServeProcess process;

    private GatewayProcess(ServeProcess process) {
        this.process = process;
    }

    /** Starts {@code serve} with {@code extra} flags ({@code --data-dir dataDir} first when given), its log in {@code workDir}. */
    public static GatewayProcess start(Path dataDir, Path workDir, Map<String, String> env, String... extra) throws IOException {
        List<String> flags = new ArrayList<>();
        if (dataDir != null) {
            flags.addAll(List.of("--data-dir", dataDir.toString()));
        }
        flags.addAll(List.of(extra));
        Path log = workDir.resolve("gateway-" + System.nanoTime() + ".log");
        return new GatewayProcess(ServeProcess.start(flags, workDir, log, env, Duration.ofSeconds(60)));
    }

    /** The usual test start: ephemeral ports on loopback and the test secret, plus {@code flags}. */
    public static GatewayProcess start(Path dataDir, Path workDir, String... flags) throws IOException {
        List<String> all = new ArrayList<>(List.of("--http-host", "127.0.0.1", "--http-port", "0", "--ws-port", "0",
                "--token-secret", TestGateway.SECRET, "--node-id", "proc-node"));
        all.addAll(List.of(flags));
        return start(dataDir, workDir, Map.of(), all.toArray(String[]::new));
    }

    public int httpPort() {
        return process.httpPort();
    }

    public int wsPort() {
        return process.wsPort();
    }

    /** The WebSocket URL of a user's device with a fresh test token. */
    public String wsUrl(String userId, String device) {
        String token = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC())
                .issue(userId, Role.USER, null, Duration.ofHours(1));
        return "ws://127.0.0.1:" + wsPort() + "/ws?token=" + token + "&device=" + device;
    }

    public Api api(String token) {
        return new Api("http://127.0.0.1:" + httpPort(), token);
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or the OOM killer would end it. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM, then the exit code. */
    public int terminate() throws InterruptedException {
        return process.terminate();
    }

    public String log() throws IOException {
        return Files.readString(process.log());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.alive()) {
            kill();
        }
    }
}
