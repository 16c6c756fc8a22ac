package dev.switchboard.bench.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway jar as its own process (fresh data folder, free ports, a known token secret), so that
 * what the benchmark measures in the simulator's JVM is the simulated devices alone.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("switchboard ready http=(\\d+) ws=(\\d+)");

    private final Process process;
    private final Path dataDir;
    private final int httpPort;

    private GatewayProcess(Process process, Path dataDir, int httpPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
    }

    public static GatewayProcess start(String jar, String jvmOpts, String secret) throws IOException {
        Path data = Files.createTempDirectory("switchboard-sim-bench");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmOpts.isBlank()) {
            cmd.addAll(List.of(jvmOpts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar, "serve", "--data-dir", data.toString(), "--http-host", "127.0.0.1",
                "--http-port", "0", "--ws-port", "0", "--token-secret", secret, "--node-id", "sim-bench",
                "--ws-max-connections-per-ip", "100000", "--drain-grace", "0s"));
        Process p = new ProcessBuilder(cmd).redirectError(data.resolve("server.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // the server is gone
                    }
                }, "gateway-stdout");
                drain.setDaemon(true);
                drain.start();
                return new GatewayProcess(p, data, Integer.parseInt(m.group(1)));
            }
        }
        throw new IOException("the gateway did not start; see " + data.resolve("server.log"));
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long cpuNanos() throws IOException {
        return ProcStats.of(process.pid()).cpuNanos();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
