package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.eventlog.PublishOutcome;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.event.PublishRequest;
import dev.switchboard.model.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Function;

/**
 * Durable publishes per second and publish latency at several concurrency levels.
 *
 * <p>Mode {@code http} (default) starts the real server jar as its own process with a fresh data
 * folder and publishes over keep-alive HTTP connections, one per publisher, each waiting for its 201
 * before sending the next: the figure a backend sees. The connections are driven by one selector
 * thread ({@link NioLoad}) so that the generator takes as little of the two cores as it can. Mode {@code log} drives the event log in this
 * process without HTTP, to show what the log alone sustains.
 *
 * <pre>
 * java -jar benchmarks/target/switchboard-benchmarks.jar [--mode http|log] [--concurrency 1,8,64]
 *      [--seconds 10] [--warmup 3] [--rooms 16] [--resources 1000] [--jar server/target/switchboard-server.jar]
 *      [--server-opts "-XX:StartFlightRecording=filename=server.jfr"] [--server-args "--log.batch-max 128"]
 *      [--subscribers 0]
 * </pre>
 *
 * <p>{@code --subscribers N} (http mode) first joins N WebSocket subscribers, subscriber i to room
 * {@code bench:(i % rooms)}, so that every publish is also delivered: the publish path as it runs in a
 * room people are in. Each line then also says how many events the subscribers received.
 */
public final class PublishBenchmark {
    private final Map<String, String> opts;

    private PublishBenchmark(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new PublishBenchmark(opts).run();
        System.exit(0);
    }

    private String opt(String name, String fallback) {
        return opts.getOrDefault(name, fallback);
    }

    private void run() throws Exception {
        String mode = opt("mode", "http");
        int seconds = Integer.parseInt(opt("seconds", "10"));
        int warmup = Integer.parseInt(opt("warmup", "3"));
        int rooms = Integer.parseInt(opt("rooms", "16"));
        int resources = Integer.parseInt(opt("resources", "1000"));
        List<Integer> levels = new ArrayList<>();
        for (String c : opt("concurrency", "1,8,64").split(",")) {
            levels.add(Integer.parseInt(c.trim()));
        }
        Path data = Files.createTempDirectory("switchboard-bench");
        String secret = randomSecret();
        System.out.printf("mode=%s seconds=%d warmup=%d rooms=%d resources=%d cores=%d java=%s%n", mode, seconds, warmup,
                rooms, resources, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (mode.equals("log")) {
            System.out.println("| publishers | publishes/s | p50 ms | p99 ms | p99.9 ms | max ms | errors |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        } else {
            System.out.println("| publishers | publishes/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | server CPU µs/publish | generator CPU µs/publish |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        }
        if (mode.equals("log")) {
            runLog(data, levels, seconds, warmup, rooms, resources);
        } else {
            runHttp(data, secret, levels, seconds, warmup, rooms, resources);
        }
    }

    // ---- over HTTP against the real server process ---------------------------------------------

    private void runHttp(Path data, String secret, List<Integer> levels, int seconds, int warmup, int rooms,
                         int resources) throws Exception {
        String jar = opt("jar", "server/target/switchboard-server.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        String serverOpts = opt("server-opts", "");
        if (!serverOpts.isBlank()) {
            cmd.addAll(List.of(serverOpts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar, "serve", "--http-host", "127.0.0.1", "--http-port", "0", "--ws-port", "0",
                "--data-dir", data.toString(), "--token-secret", secret));
        String serverArgs = opt("server-args", "").replace("{data}", data.toString());
        if (!serverArgs.isBlank()) {
            cmd.addAll(List.of(serverArgs.trim().split("\\s+")));
        }
        Process server = new ProcessBuilder(cmd).redirectError(data.resolve("server.log").toFile()).start();
        try {
            int[] ports = awaitReady(server);
            int port = ports[0];
            TokenIssuer issuer = new TokenIssuer(secret, Clock.systemUTC());
            String token = issuer.issue("bench", Role.SERVICE, null, Duration.ofHours(2));
            int subscriberCount = Integer.parseInt(opt("subscribers", "0"));
            RoomSubscribers subscribers = new RoomSubscribers("bench:", rooms);
            if (subscriberCount > 0) {
                subscribers.join(ports[1], issuer, subscriberCount);
                System.out.printf("%d subscribers joined%n", subscriberCount);
            }
            long created = 0;
            for (int level : levels) {
                Phase warm = httpPhase(port, token, level, warmup, rooms, resources);
                long serverCpu = cpuNanos(server.toHandle());
                long ownCpu = ownCpuNanos();
                double[] batchesBefore = batchStats(port);
                Phase measured = httpPhase(port, token, level, seconds, rooms, resources);
                measured.serverCpuNanos = cpuNanos(server.toHandle()) - serverCpu;
                measured.generatorCpuNanos = ownCpuNanos() - ownCpu;
                double[] batchesAfter = batchStats(port);
                created += warm.ok + measured.ok;
                measured.print(level, seconds);
                if (subscriberCount > 0) {
                    System.out.printf("  subscribers received %,d events in all%n", subscribers.events());
                }
                System.out.printf("  mean group commit: %.1f publishes%n",
                        (batchesAfter[0] - batchesBefore[0]) / Math.max(1, batchesAfter[1] - batchesBefore[1]));
            }
            long committed = committedTotal(port);
            System.out.printf("check: %d answers were 201; the log reports %d events committed%n", created, committed);
            if (committed < created) {
                throw new IllegalStateException("a 201 without a commit");
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** {http port, ws port} from the server's ready line. */
    private static int[] awaitReady(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern ready = Pattern.compile("switchboard ready http=(\\d+) ws=(\\d+)");
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = ready.matcher(line);
            if (m.find()) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        }
        throw new IOException("server did not start");
    }

    /** {sum, count} of the server's group-commit batch sizes. */
    private static double[] batchStats(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher sum = Pattern.compile("(?m)^switchboard_eventlog_batch_size_sum (\\S+)").matcher(metrics);
        Matcher count = Pattern.compile("(?m)^switchboard_eventlog_batch_size_count (\\S+)").matcher(metrics);
        return new double[] {sum.find() ? Double.parseDouble(sum.group(1)) : 0, count.find() ? Double.parseDouble(count.group(1)) : 0};
    }

    private static long committedTotal(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // A float in the exposition: "3.0", "1.2345678E7".
        Matcher m = Pattern.compile("(?m)^switchboard_eventlog_events_committed_total (\\S+)").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long ownCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static final class Phase {
        final List<Latencies> latencies = new ArrayList<>();
        long ok;
        long errors;
        String lastError;
        long serverCpuNanos = -1;
        long generatorCpuNanos = -1;

        void print(int level, int seconds) {
            Latencies.Summary s = Latencies.summarise(latencies);
            String cpu = serverCpuNanos < 0 || ok == 0 ? "" : String.format(" %.0f | %.0f |",
                    serverCpuNanos / 1e3 / ok, generatorCpuNanos / 1e3 / ok);
            System.out.printf("| %d | %,d | %s | %s | %s | %s | %d |%s%n", level, Math.round(ok / (double) seconds),
                    Latencies.Summary.ms(s.p50()), Latencies.Summary.ms(s.p99()), Latencies.Summary.ms(s.p999()),
                    Latencies.Summary.ms(s.max()), errors, cpu);
            if (lastError != null) {
                System.out.println("  last error: " + lastError);
            }
        }
    }

    private interface Publisher {
        /** Publishes one event; returns an error text, or null for a 201. */
        String publishOne(int n) throws Exception;
    }

    private static Phase phase(int level, int seconds, Function<Integer, Publisher> publisherFor) throws InterruptedException {
        Phase phase = new Phase();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < level; t++) {
            Latencies lat = new Latencies();
            phase.latencies.add(lat);
            Publisher publisher = publisherFor.apply(t);
            Thread th = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        String error = publisher.publishOne(n++);
                        if (error == null) {
                            lat.add(System.nanoTime() - start);
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            phase.lastError = error;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        phase.lastError = e.toString();
                        return;
                    }
                }
            }, "publisher-" + t);
            threads.add(th);
        }
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        phase.ok = ok.get();
        phase.errors = errors.get();
        return phase;
    }

    private static Phase httpPhase(int port, String token, int level, int seconds, int rooms, int resources) throws Exception {
        Phase phase = new Phase();
        String head = "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        NioLoad.Result r = NioLoad.run("127.0.0.1", port, level, seconds * 1_000_000_000L, (c, n) -> {
            byte[] body = body(rooms, resources, c, n);
            return NioLoad.request(head, body);
        }, i -> {
            Latencies l = new Latencies();
            phase.latencies.add(l);
            return l;
        });
        phase.ok = r.ok();
        phase.errors = r.errors();
        phase.lastError = r.lastError();
        return phase;
    }

    private static byte[] body(int rooms, int resources, int thread, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ("{\"type\":\"bench.item.updated\",\"resourceId\":\"item:" + random.nextInt(resources)
                + "\",\"rooms\":[\"bench:" + random.nextInt(rooms) + "\"],\"actorId\":\"publisher-" + thread
                + "\",\"payload\":{\"n\":" + n + ",\"title\":\"a typical small payload of about one hundred bytes\",\"done\":false}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---- the event log alone, in process --------------------------------------------------------

    private void runLog(Path data, List<Integer> levels, int seconds, int warmup, int rooms, int resources) throws Exception {
        GatewayConfig config = GatewayConfig.from(Map.of(ConfigKey.DATA_DIR, data.toString(),
                ConfigKey.TOKEN_SECRET, randomSecret()));
        try (EventLog log = new EventLog(config, Clock.systemUTC(), new Metrics())) {
            for (int level : levels) {
                logPhase(log, level, warmup, rooms, resources);
                long writerCpu = writerCpuNanos();
                Phase measured = logPhase(log, level, seconds, rooms, resources);
                measured.print(level, seconds);
                System.out.printf("  writer thread CPU: %.1f µs/publish%n", (writerCpuNanos() - writerCpu) / 1e3 / Math.max(1, measured.ok));
            }
        }
    }

    private static long writerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("eventlog-writer")) {
                return threads.getThreadCpuTime(t.getId());
            }
        }
        return 0;
    }

    private static Phase logPhase(EventLog log, int level, int seconds, int rooms, int resources) throws Exception {
        return phase(level, seconds, t -> n -> {
            PublishRequest request = PublishRequest.fromJson(Json.parse(body(rooms, resources, t, n)));
            PublishOutcome outcome = log.publish(request, Json.write(request.payload())).get();
            return outcome instanceof PublishOutcome.Created ? null : outcome.toString();
        });
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
