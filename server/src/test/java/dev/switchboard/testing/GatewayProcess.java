package dev.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A gateway in its own JVM, started through the real command line ({@code switchboard serve}), so a
 * test can SIGKILL or SIGTERM it like an operator's kill would.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("switchboard ready http=(\\d+) ws=(\\d+)");

    private final Process process;
    private final int httpPort;
    private final int wsPort;
    private final Path log;

    private GatewayProcess(Process process, int httpPort, int wsPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        this.log = log;
    }

    /** Starts {@code serve} with the test secret on ephemeral ports; {@code extra} adds flags. */
    public static GatewayProcess start(Path dataDir, Path workDir, Map<String, String> env, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.switchboard.cli.Main", "serve"));
        if (dataDir != null) {
            cmd.addAll(List.of("--data-dir", dataDir.toString()));
        }
        cmd.addAll(List.of(extra));
        Path log = workDir.resolve("gateway-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectError(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        // Its output is read on a thread of its own, so a gateway that hangs before printing anything
        // fails the test after the deadline instead of blocking it in readLine.
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.complete(null);
        }, "gateway-stdout");
        reader.setDaemon(true);
        reader.start();
        Matcher m;
        try {
            m = ready.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            m = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m = null;
        }
        if (m != null) {
            return new GatewayProcess(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), log);
        }
        p.destroyForcibly();
        throw new IOException("gateway did not start in 60 s; its log:\n" + Files.readString(log));
    }

    /** The usual test start: ephemeral ports on loopback and the test secret, plus {@code flags}. */
    public static GatewayProcess start(Path dataDir, Path workDir, String... flags) throws IOException {
        List<String> all = new ArrayList<>(List.of("--http-host", "127.0.0.1", "--http-port", "0", "--ws-port", "0",
                "--token-secret", TestGateway.SECRET, "--node-id", "proc-node"));
        all.addAll(List.of(flags));
        return start(dataDir, workDir, Map.of(), all.toArray(String[]::new));
    }

    public int httpPort() {
        return httpPort;
    }

    public int wsPort() {
        return wsPort;
    }

    /** The WebSocket URL of a user's device with a fresh test token. */
    public String wsUrl(String userId, String device) {
        String token = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC())
                .issue(userId, Role.USER, null, Duration.ofHours(1));
        return "ws://127.0.0.1:" + wsPort + "/ws?token=" + token + "&device=" + device;
    }

    public Api api(String token) {
        return new Api("http://127.0.0.1:" + httpPort, token);
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or the OOM killer would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
