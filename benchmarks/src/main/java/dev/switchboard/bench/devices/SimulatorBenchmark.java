package dev.switchboard.bench.devices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.json.Json;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many simulated devices one JVM runs while staying converged. For each level it starts the
 * gateway jar as its own process, then a fresh simulator JVM that runs the scenario (default
 * {@code mobile-background-and-return}, its users copied until there are N devices) against it and
 * measures itself: heap after GC, RSS, threads and CPU. Prints one table row per level.
 *
 * <pre>
 * java -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.devices.SimulatorBenchmark \
 *      --devices 250,500,1000 [--scenario NAME] [--duration 20] [--rate-per-device 0.5] [--publishers 4]
 *      [--server-jar server/target/switchboard-server.jar] [--server-opts "-Xmx1g"] [--client-opts "-Xmx1g"]
 * </pre>
 */
public final class SimulatorBenchmark {
    private SimulatorBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = flags(argv);
        if (a.containsKey("child")) {
            System.exit(DeviceLevel.run(a));
        }
        List<Integer> levels = new ArrayList<>();
        for (String n : a.getOrDefault("devices", "250,500,1000").split(",")) {
            levels.add(Integer.parseInt(n.trim()));
        }
        String scenario = a.getOrDefault("scenario", "mobile-background-and-return");
        String duration = a.getOrDefault("duration", "20");
        double perDevice = Double.parseDouble(a.getOrDefault("rate-per-device", "0.5"));
        String serverJar = a.getOrDefault("server-jar", "server/target/switchboard-server.jar");
        String serverOpts = a.getOrDefault("server-opts", "-Xmx1g");
        String clientOpts = a.getOrDefault("client-opts", "");
        String publishers = a.getOrDefault("publishers", "4");
        System.out.printf("scenario %s, load %s s at %.2f events/s per device from %s publishers, server %s, simulator JVM opts '%s'%n",
                scenario, duration, perDevice, publishers, serverOpts, clientOpts);
        System.out.println("| devices | converged | after s | failures | published (events/s) | applied | reconnects "
                + "| heap MB (idle → connected → end) | RSS MB (idle → connected → end, peak) | threads (connected / peak) "
                + "| simulator CPU cores | gateway CPU cores |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|");
        for (int devices : levels) {
            byte[] s = new byte[32];
            new SecureRandom().nextBytes(s);
            String secret = HexFormat.of().formatHex(s);
            TokenIssuer issuer = new TokenIssuer(secret, Clock.systemUTC());
            try (GatewayProcess gw = GatewayProcess.start(serverJar, serverOpts, secret)) {
                long serverCpu0 = gw.cpuNanos();
                long t0 = System.nanoTime();
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                if (!clientOpts.isBlank()) {
                    cmd.addAll(List.of(clientOpts.trim().split("\\s+")));
                }
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SimulatorBenchmark.class.getName(),
                        "--child", "true", "--devices", Integer.toString(devices), "--scenario", scenario,
                        "--duration", duration, "--publishers", publishers, "--rate", Double.toString(perDevice * devices),
                        "--gateway", gw.httpUrl(), "--token-secret", secret,
                        "--service-token", issuer.issue("bench-backend", Role.SERVICE, null, Duration.ofHours(2)),
                        "--admin-token", issuer.issue("bench-qa", Role.ADMIN, null, Duration.ofHours(2))));
                Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                JsonNode result = null;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith(DeviceLevel.RESULT)) {
                            result = Json.parse(line.substring(DeviceLevel.RESULT.length()));
                        } else {
                            System.err.println(line);
                        }
                    }
                }
                child.waitFor();
                double wall = (System.nanoTime() - t0) / 1e9;
                double serverCores = (gw.cpuNanos() - serverCpu0) / 1e9 / wall;
                if (result == null) {
                    System.out.printf("| %d | no result (exit %d) | | | | | | | | | | |%n", devices, child.exitValue());
                    continue;
                }
                System.out.println(row(result, serverCores));
                System.err.println("[" + devices + " devices] threads at the end by name: " + result.path("threadsByName"));
            }
        }
    }

    private static String row(JsonNode r, double serverCores) {
        JsonNode idle = r.path("idle");
        JsonNode conn = r.path("connected");
        JsonNode end = r.path("end");
        return String.format("| %d | %s | %s | %d | %d (%.0f) | %d | %d | %.0f → %.0f → %.0f | %.0f → %.0f → %.0f, %.0f | %d / %d | %.2f | %.2f |",
                r.path("devices").asInt(), r.path("passed").asBoolean() ? "yes" : "**no**",
                r.path("convergedAfterSeconds").isNull() ? "-" : String.format("%.2f", r.path("convergedAfterSeconds").asDouble()),
                r.path("failures").asInt(), r.path("published").asInt(),
                r.path("published").asDouble() / r.path("runSeconds").asDouble(), r.path("applied").asLong(), r.path("reconnects").asLong(),
                mb(idle, "heapUsed"), mb(conn, "heapUsed"), mb(end, "heapUsed"),
                mb(idle, "rss"), mb(conn, "rss"), mb(end, "rss"), r.path("peakRss").asDouble() / 1e6,
                conn.path("threads").asLong(), r.path("peakThreads").asLong(),
                r.path("cpuCores").asDouble(), serverCores);
    }

    private static double mb(JsonNode sample, String field) {
        return sample.path(field).asDouble() / 1e6;
    }

    private static Map<String, String> flags(String[] argv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
            }
            m.put(argv[i].substring(2), argv[++i]);
        }
        return m;
    }
}
