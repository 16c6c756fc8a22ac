package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.management.OperatingSystemMXBean;
import java.util.Arrays;

/**
 * One room, many subscribers: how many deliveries a second the gateway pushes, and how long an event
 * takes from the publisher's POST to a subscriber's socket.
 *
 * <p>The server jar runs as its own process. Subscribers are WebSocket connections of distinct users
 * granted the room, all driven by one selector thread ({@link WebSocketLoad}); publishers are
 * keep-alive HTTP connections on another ({@link NioLoad}), closed-loop ("max": as fast as the log
 * accepts) or at a fixed rate. Each payload carries {@code System.nanoTime()} at send, read back from
 * the frame bytes on arrival: both ends are this process, so the clocks agree.
 *
 * <p>Every subscriber checks that room offsets arrive one by one from its join offset on, with no gap
 * and no duplicate, and after each level the benchmark waits until each has the room's last event.
 *
 * <pre>
 * java -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.FanoutBenchmark
 *      [--subscribers 1000] [--publishers 16] [--rate max|N[,N...]] [--warmup 20] [--seconds 20]
 *      [--jar server/target/switchboard-server.jar] [--server-opts "-Xmx1g"] [--server-args "..."]
 *      [--role user|service] [--connect-rate 2000] [--max-handshakes 40] [--drain 60] [--server-nice 0]
 * </pre>
 */
public final class FanoutBenchmark {
    private static final String ROOM = "bench:fan";
    private static final byte[] EVENT = JsonBytes.quoted("event");
    private static final byte[] WELCOME = JsonBytes.quoted("welcome");
    private static final byte[] JOINED = JsonBytes.quoted("joined");
    private static final byte[] PRESENCE = JsonBytes.quoted("presence");
    private static final byte[] T = JsonBytes.key("t");

    private final BenchOptions opts;

    private FanoutBenchmark(BenchOptions opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        new FanoutBenchmark(BenchOptions.parse(args)).run();
        System.exit(0);
    }

    /** A subscriber's own state; selector thread only. */
    private static final class Sub {
        boolean welcomed;
        boolean joined;
        long joinOffset = -1;
        long last = -1;
    }

    /** Counters of all subscribers; written on the selector thread, read through {@link WebSocketLoad#call}. */
    private static final class Subscribers implements WebSocketLoad.Handler {
        final AtomicInteger settled = new AtomicInteger();
        final AtomicInteger joined = new AtomicInteger();
        final LatencyHistogram latency = new LatencyHistogram();
        WebSocketLoad ws;
        boolean measuring;
        long windowStart;
        long windowDeliveries;
        // Per event of the window (index: offset - firstOffset): its fastest and slowest delivery, to tell
        // a late event (publish, commit) from a slow spread over the subscribers (socket writes and reads).
        long firstOffset = -1;
        long[] fastest = new long[0];
        long[] slowest = new long[0];
        long[] worstPerSecond = new long[0];
        long deliveries;
        long gaps;
        long missing;
        long duplicates;
        long beforeJoin;
        long presence;
        long unreadable;
        int open;
        final Map<String, Integer> closes = new TreeMap<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void opened(WebSocketLoad.Conn c) {
            open++;
        }

        @Override
        public void text(WebSocketLoad.Conn c, byte[] a, int off, int len) {
            Sub s = (Sub) c.attachment;
            int end = off + len;
            if (JsonBytes.opIs(a, off, end, EVENT)) {
                long now = System.nanoTime();
                long offset = JsonBytes.longField(a, off, end, JsonBytes.OFFSET);
                long t = JsonBytes.longField(a, off, end, T);
                if (offset == Long.MIN_VALUE || t == Long.MIN_VALUE) {
                    unreadable++;
                    problem("event frame without offset or payload.t: " + new String(a, off, Math.min(len, 300), StandardCharsets.UTF_8));
                    return;
                }
                deliveries++;
                if (!s.joined) {
                    beforeJoin++;
                } else if (offset <= s.last) {
                    duplicates++;
                    problem("subscriber " + c.id + ": offset " + offset + " after " + s.last);
                } else if (offset != s.last + 1) {
                    gaps++;
                    missing += offset - s.last - 1;
                    problem("subscriber " + c.id + ": offset " + offset + " after " + s.last);
                }
                s.last = Math.max(s.last, offset);
                if (measuring) {
                    windowDeliveries++;
                    latency.record(now - t);
                    perEvent(offset, now - t);
                    int second = (int) ((now - windowStart) / 1_000_000_000L);
                    if (second < worstPerSecond.length) {
                        worstPerSecond[second] = Math.max(worstPerSecond[second], now - t);
                    }
                }
            } else if (JsonBytes.opIs(a, off, end, PRESENCE)) {
                presence++;
            } else if (!s.welcomed) {
                if (!JsonBytes.opIs(a, off, end, WELCOME)) {
                    problem("first frame is not welcome: " + new String(a, off, Math.min(len, 300), StandardCharsets.UTF_8));
                }
                s.welcomed = true;
                ws.sendText(c, "{\"op\":\"join\",\"ref\":1,\"room\":\"" + ROOM + "\"}");
            } else if (JsonBytes.opIs(a, off, end, JOINED) && !s.joined) {
                s.joined = true;
                s.joinOffset = JsonBytes.longField(a, off, end, JsonBytes.OFFSET);
                s.last = s.joinOffset;
                joined.incrementAndGet();
                settled.incrementAndGet();
            } else {
                problem("subscriber " + c.id + " got: " + new String(a, off, Math.min(len, 300), StandardCharsets.UTF_8));
                if (!s.joined) {
                    settled.incrementAndGet();
                }
            }
        }

        @Override
        public void closed(WebSocketLoad.Conn c, int code, String reason) {
            Sub s = (Sub) c.attachment;
            if (c.upgraded()) {
                open--;
            }
            closes.merge(code + (reason.isEmpty() ? "" : " " + reason), 1, Integer::sum);
            if (!s.joined) {
                settled.incrementAndGet();
            }
        }

        private void perEvent(long offset, long nanos) {
            if (firstOffset < 0) {
                firstOffset = offset;
            }
            long i = offset - firstOffset;
            if (i < 0) {
                return; // an event of before the window, still arriving
            }
            if (i >= fastest.length) {
                int n = (int) Math.max(i + 1, fastest.length * 2L + 1024);
                int old = fastest.length;
                fastest = Arrays.copyOf(fastest, n);
                slowest = Arrays.copyOf(slowest, n);
                Arrays.fill(fastest, old, n, Long.MAX_VALUE);
            }
            int k = (int) i;
            fastest[k] = Math.min(fastest[k], nanos);
            slowest[k] = Math.max(slowest[k], nanos);
        }

        /** Percentiles over the window's events of their fastest delivery and of slowest minus fastest. */
        String perEventSummary() {
            LatencyHistogram first = new LatencyHistogram();
            LatencyHistogram spread = new LatencyHistogram();
            for (int i = 0; i < fastest.length; i++) {
                if (fastest[i] != Long.MAX_VALUE) {
                    first.record(fastest[i]);
                    spread.record(slowest[i] - fastest[i]);
                }
            }
            StringBuilder worst = new StringBuilder();
            for (long w : worstPerSecond) {
                worst.append(' ').append(Math.round(w / 1e6));
            }
            return String.format("per event (%d events): fastest subscriber p50 %s ms, p99 %s ms, max %s ms; slowest minus"
                            + " fastest p50 %s ms, p99 %s ms, max %s ms%n  worst delivery in each second of the window (ms):%s",
                    first.count(), ms(first.percentile(0.5)), ms(first.percentile(0.99)), ms(first.max()), ms(spread.percentile(0.5)),
                    ms(spread.percentile(0.99)), ms(spread.max()), worst);
        }

        void problem(String what) {
            if (problems.size() < 20) {
                problems.add(what);
            }
        }

        Void startWindow(int seconds) {
            firstOffset = -1;
            fastest = new long[0];
            slowest = new long[0];
            worstPerSecond = new long[seconds + 1];
            measuring = true;
            windowStart = System.nanoTime();
            windowDeliveries = 0;
            latency.reset();
            return null;
        }

        Window endWindow() {
            measuring = false;
            return new Window(windowDeliveries, System.nanoTime() - windowStart, latency.percentile(0.50),
                    latency.percentile(0.99), latency.max());
        }

        /** {subscribers still open that lack some of the first {@code published} events, events they lack}. */
        long[] undelivered(long published) {
            long behind = 0;
            long lacking = 0;
            for (WebSocketLoad.Conn c : ws.connections()) {
                Sub s = (Sub) c.attachment;
                if (c.isOpen() && s.joined && s.last < s.joinOffset + published) {
                    behind++;
                    lacking += s.joinOffset + published - s.last;
                }
            }
            return new long[] {behind, lacking};
        }
    }

    private record Window(long deliveries, long nanos, long p50, long p99, long max) {
    }

    private void run() throws Exception {
        int subscribers = opts.integer("subscribers", 1000);
        int publishers = opts.integer("publishers", 16);
        int warmup = opts.integer("warmup", 20);
        int seconds = opts.integer("seconds", 20);
        int resources = opts.integer("resources", 1000);
        int drain = opts.integer("drain", 60);
        boolean serviceRole = opts.text("role", "user").equals("service");
        String secret = randomSecret();
        List<String> serveArgs = ServerProcess.manyClientsArgs(opts.text("http-host", "127.0.0.1"), secret);
        serveArgs.addAll(opts.list("server-args"));
        try (ServerProcess server = ServerProcess.start(opts.text("jar", "server/target/switchboard-server.jar"),
                opts.text("server-opts", "-Xmx1g"), serveArgs, opts.integer("server-nice", 0))) {
            System.out.printf("fanout: subscribers=%d publishers=%d warmup=%ds seconds=%ds role=%s cores=%d java=%s%n",
                    subscribers, publishers, warmup, seconds, serviceRole ? "service" : "user",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("server pid %d, http %d, ws %d: %s (log: %s)%n", server.pid(), server.httpPort, server.wsPort,
                    String.join(" ", server.command).replace(secret, "SECRET"), server.dataDir.resolve("server.log"));
            TokenIssuer issuer = new TokenIssuer(secret, Clock.systemUTC());
            String service = issuer.issue("bench-publisher", Role.SERVICE, null, Duration.ofHours(4));
            if (!serviceRole) {
                AclGrants.grant(server.httpPort, service, 0, subscribers, i -> ROOM, i -> "sub-" + i);
            }
            Subscribers subs = new Subscribers();
            try (WebSocketLoad ws = new WebSocketLoad(subs)) {
                subs.ws = ws;
                connect(ws, subs, server, issuer, subscribers, serviceRole, opts.integer("connect-rate", 2000),
                        opts.integer("max-handshakes", 40));
                System.out.println("| subscribers | target events/s | publishes/s | deliveries/s | p50 ms | p99 ms | max ms"
                        + " | gaps | duplicates | undelivered | closed | server CPU µs/delivery | generator CPU µs/delivery |");
                System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                long published = 0;
                for (String level : opts.text("rate", "max").split(",")) {
                    double rate = level.equals("max") ? 0 : Double.parseDouble(level);
                    NioLoad.Result warm = publish(server, service, publishers, warmup, rate, resources, new ArrayList<>());
                    System.out.printf("  warm-up: %,.0f publishes/s, %d errors%n", warm.ok() / (double) warmup, warm.errors());
                    published += warm.ok();
                    long serverCpu = server.cpuNanos();
                    long ownCpu = ownCpuNanos();
                    long loopCpu = threadCpuNanos("ws-load");
                    String metricsBefore = server.metrics();
                    ws.call(() -> subs.startWindow(seconds));
                    List<Latencies> publishLatency = new ArrayList<>();
                    NioLoad.Result measured = publish(server, service, publishers, seconds, rate, resources, publishLatency);
                    Window w = ws.call(subs::endWindow);
                    long serverUsed = server.cpuNanos() - serverCpu;
                    long ownUsed = ownCpuNanos() - ownCpu;
                    long loopUsed = threadCpuNanos("ws-load") - loopCpu;
                    published += measured.ok();
                    long drainStart = System.nanoTime();
                    long[] behind = awaitDelivered(ws, subs, published, drain);
                    double drained = (System.nanoTime() - drainStart) / 1e9;
                    String metricsAfter = server.metrics();
                    PromHistogram lag = PromHistogram.read(metricsAfter, "switchboard_fanout_lag_seconds")
                            .minus(PromHistogram.read(metricsBefore, "switchboard_fanout_lag_seconds"));
                    PromHistogram batches = PromHistogram.read(metricsAfter, "switchboard_eventlog_batch_size")
                            .minus(PromHistogram.read(metricsBefore, "switchboard_eventlog_batch_size"));
                    Latencies.Summary pub = Latencies.summarise(publishLatency);
                    String perEvent = ws.call(subs::perEventSummary);
                    long[] counters = ws.call(() -> new long[] {subs.gaps, subs.duplicates, subs.open, subs.beforeJoin,
                            subs.presence, subs.unreadable});
                    double windowSeconds = w.nanos() / 1e9;
                    System.out.printf("| %,d | %s | %,.0f | %,.0f | %s | %s | %s | %d | %d | %,d | %d | %.2f | %.2f |%n",
                            subscribers, rate == 0 ? "max" : String.format("%,.0f", rate), measured.ok() / (double) seconds,
                            w.deliveries() / windowSeconds, ms(w.p50()), ms(w.p99()), ms(w.max()), counters[0], counters[1],
                            behind[1], subscribers - counters[2], serverUsed / 1e3 / Math.max(1, w.deliveries()),
                            ownUsed / 1e3 / Math.max(1, w.deliveries()));
                    System.out.printf("  publish errors %d%s, late starts %d, events published so far %,d; last event"
                            + " reached every open subscriber %.1f s after publishing stopped%s; subscriber thread CPU"
                            + " %.2f µs/delivery; server CPU %.0f%% of one core, generator %.0f%%; presence frames %d,"
                            + " events before joined %d, unreadable %d%n",
                            measured.errors(), measured.lastError() == null ? "" : " (" + measured.lastError() + ")",
                            measured.late(), published, drained,
                            behind[0] == 0 ? "" : String.format(" (NOT: %d subscribers still lack %d events after %d s)", behind[0], behind[1], drain),
                            loopUsed / 1e3 / Math.max(1, w.deliveries()), 100.0 * serverUsed / w.nanos(), 100.0 * ownUsed / w.nanos(),
                            counters[4], counters[3], counters[5]);
                    System.out.printf("  publish round trip (POST to 201) p50 %s ms, p99 %s ms, max %s ms; server fanout lag (commit to"
                            + " hand-off to the sockets) mean %.2f ms, p99 ≤ %.1f ms; mean group commit %.1f publishes%n",
                            ms(pub.p50()), ms(pub.p99()), ms(pub.max()), lag.mean() * 1e3, lag.percentileBound(0.99) * 1e3,
                            batches.mean());
                    System.out.println("  " + perEvent);
                }
                report(subs, ws, server);
            }
        }
    }

    private static void connect(WebSocketLoad ws, Subscribers subs, ServerProcess server, TokenIssuer issuer, int subscribers,
                                boolean serviceRole, int connectRate, int maxHandshakes) throws InterruptedException {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.wsPort);
        long start = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            // A controlled pace and fewer handshakes in flight than the listener's accept backlog (50, the
            // library's default) keep the kernel from dropping or cookie-answering SYNs.
            while (i - subs.settled.get() >= maxHandshakes || (System.nanoTime() - start) * connectRate / 1_000_000_000L < i) {
                Thread.sleep(1);
            }
            String user = "sub-" + i;
            String token = issuer.issue(user, serviceRole ? Role.SERVICE : Role.USER, null, Duration.ofHours(4));
            ws.connect(i, target, null, "/ws?token=" + token + "&device=d-" + i + "&app=bench", new Sub());
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (subs.settled.get() < subscribers && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double took = (System.nanoTime() - start) / 1e9;
        int joined = subs.joined.get();
        System.out.printf("%d of %d subscribers joined %s in %.1f s%n", joined, subscribers, ROOM, took);
        if (joined < subscribers) {
            ws.call(() -> {
                System.out.println("  closes: " + subs.closes + "; problems: " + subs.problems);
                return null;
            });
            throw new IllegalStateException("not every subscriber joined");
        }
    }

    private static NioLoad.Result publish(ServerProcess server, String token, int publishers, int seconds, double rate,
                                          int resources, List<Latencies> latencies) throws Exception {
        String head = "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        return NioLoad.run("127.0.0.1", server.httpPort, publishers, seconds * 1_000_000_000L, rate, (c, n) -> {
            // The send time goes into the payload last thing before the bytes leave.
            byte[] body = ("{\"type\":\"bench.tick\",\"rooms\":[\"" + ROOM + "\"],\"resourceId\":\"r-"
                    + Math.floorMod(c * 7919 + n, resources) + "\",\"payload\":{\"t\":" + System.nanoTime() + "}}")
                    .getBytes(StandardCharsets.US_ASCII);
            return NioLoad.request(head, body);
        }, i -> {
            Latencies l = new Latencies();
            latencies.add(l);
            return l;
        });
    }

    /** Waits up to {@code seconds} until every open subscriber has all {@code published} events. */
    private static long[] awaitDelivered(WebSocketLoad ws, Subscribers subs, long published, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            long[] behind = ws.call(() -> subs.undelivered(published));
            if (behind[0] == 0 || System.nanoTime() > deadline) {
                return behind;
            }
            Thread.sleep(20);
        }
    }

    private static void report(Subscribers subs, WebSocketLoad ws, ServerProcess server) throws Exception {
        ws.call(() -> {
            System.out.printf("closes by code: %s%n", subs.closes.isEmpty() ? "none" : subs.closes);
            System.out.printf("deliveries in all: %,d; gaps %d (%d events missing), duplicates %d%n", subs.deliveries,
                    subs.gaps, subs.missing, subs.duplicates);
            long pings = 0;
            for (WebSocketLoad.Conn c : ws.connections()) {
                pings += c.pingsAnswered;
            }
            System.out.printf("heartbeat pings answered: %,d%n", pings);
            for (String p : subs.problems) {
                System.out.println("  problem: " + p);
            }
            return null;
        });
        System.out.printf("server alive at the end: %s; server log: %s%n", server.alive(), server.dataDir.resolve("server.log"));
        for (String line : server.logProblems(5)) {
            System.out.println("  server log: " + line);
        }
    }

    static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    static long ownCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long threadCpuNanos(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
            }
        }
        return 0;
    }

    static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
