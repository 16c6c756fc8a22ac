package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node against three on a shared PostgreSQL log, with Redis carrying commits between nodes and
 * with Redis down (the nodes read each other's commits from the log): deliveries/s, publish latency
 * (HTTP 201, durable), and delivery latency of events published on the subscriber's own node and on
 * another node, plus the gateways' CPU per thousand deliveries.
 *
 * <p>Each configuration runs in a fresh schema of the machine's PostgreSQL (not the suite's: a
 * benchmark may use the machine's services, see ../shared/PLATFORM.md) with the same load: the same
 * number of subscribers in one room, spread evenly over the nodes, and one paced publisher sending
 * round robin to the nodes. "Redis down" points the nodes at a port where nothing listens.
 *
 * <pre>
 * java -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.ClusterBenchmark
 *      [--subscribers 120] [--rate 200] [--seconds 15] [--warmup 5] [--pg jdbc:postgresql://127.0.0.1:5432/test]
 *      [--pg-user root] [--redis redis://127.0.0.1:6379] [--jar server/target/switchboard-server.jar]
 *      [--server-opts "-Xmx512m -XX:TieredStopAtLevel=1"] [--setups one,up,down] (which, in that order)
 * </pre>
 */
public final class ClusterBenchmark {
    private static final String ROOM = "bench:cluster";

    private final BenchOptions opts;
    private final String secret = FanoutBenchmark.randomSecret();
    private final TokenIssuer issuer = new TokenIssuer(secret, Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterBenchmark(BenchOptions opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            new ClusterBenchmark(BenchOptions.parse(args)).run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private record Result(String name, double published, double publishP50, double publishP99, double deliveries,
                          double sameP50, double sameP99, double crossP50, double crossP99, long lost, long doubled,
                          double cpuPerThousand) {
    }

    private void run() throws Exception {
        List<Result> results = new ArrayList<>();
        for (String setup : opts.text("setups", "one,up,down").split(",")) {
            switch (setup.trim()) {
                case "one" -> results.add(measure("1 node", 1, null));
                case "up" -> results.add(measure("3 nodes, Redis up", 3, opts.text("redis", "redis://127.0.0.1:6379")));
                case "down" -> results.add(measure("3 nodes, Redis down (log polling)", 3, "redis://127.0.0.1:1"));
                default -> throw new IllegalArgumentException("--setups takes one, up and down, got " + setup);
            }
        }
        System.out.println();
        System.out.printf("subscribers=%d in one room, rate=%d events/s round robin over the nodes, %d s measured after %d s;"
                        + " cores=%d%n", opts.integer("subscribers", 120), opts.integer("rate", 200), opts.integer("seconds", 15),
                opts.integer("warmup", 5), Runtime.getRuntime().availableProcessors());
        System.out.println("| setup | published/s | publish p50 ms | p99 | deliveries/s | same-node delivery p50 ms | p99"
                + " | cross-node p50 ms | p99 | missing | doubled | gateway CPU ms per 1,000 deliveries |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %s | %,.0f | %.1f | %.1f | %,.0f | %.1f | %.1f | %s | %s | %d | %d | %.1f |%n", r.name, r.published,
                    r.publishP50, r.publishP99, r.deliveries, r.sameP50, r.sameP99,
                    Double.isNaN(r.crossP50) ? "-" : String.format("%.1f", r.crossP50),
                    Double.isNaN(r.crossP99) ? "-" : String.format("%.1f", r.crossP99), r.lost, r.doubled, r.cpuPerThousand);
        }
    }

    private Result measure(String name, int nodeCount, String redisUrl) throws Exception {
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String pg = opts.text("pg", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = opts.text("pg-user", "root");
        try (Connection c = DriverManager.getConnection(pg, pgUser, ""); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        List<ServerProcess> nodes = new ArrayList<>();
        List<Subscriber> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < nodeCount; i++) {
                List<String> args = ServerProcess.manyClientsArgs("127.0.0.1", secret);
                args.addAll(List.of("--db-url", pg + "?currentSchema=" + schema, "--db-user", pgUser, "--node-id", "node-" + i));
                if (redisUrl != null) {
                    args.addAll(List.of("--redis-url", redisUrl));
                }
                nodes.add(ServerProcess.start(opts.text("jar", "server/target/switchboard-server.jar"),
                        opts.text("server-opts", "-Xmx512m -XX:TieredStopAtLevel=1"), args));
            }
            System.out.printf("%s: %d node(s) up (schema %s)%n", name, nodeCount, schema);
            String service = issuer.issue("bench-backend", Role.SERVICE, null, Duration.ofHours(1));
            int count = opts.integer("subscribers", 120);
            for (int i = 0; i < count; i++) {
                String user = "sub-" + i;
                int granted = request(nodes.get(0), "PUT", "/api/acl/" + ROOM + "/members/" + user, service, null).get(30, TimeUnit.SECONDS);
                if (granted != 204) {
                    throw new IllegalStateException("granting " + user + " answered " + granted);
                }
                int node = i % nodeCount;
                subscribers.add(Subscriber.open(nodes.get(node), node, issuer.issue(user, Role.USER, "d" + i, Duration.ofHours(1))));
            }
            for (Subscriber s : subscribers) {
                s.joined.get(30, TimeUnit.SECONDS);
            }
            int rate = opts.integer("rate", 200);
            publishFor(nodes, service, rate, opts.integer("warmup", 5), null);
            Thread.sleep(1000);
            subscribers.forEach(Subscriber::reset);
            long cpuBefore = cpu(nodes);
            long start = System.nanoTime();
            LatencyHistogram publishLatency = new LatencyHistogram();
            long published = publishFor(nodes, service, rate, opts.integer("seconds", 15), publishLatency);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(2000); // what is still on its way (log polling) arrives
            long cpu = cpu(nodes) - cpuBefore;
            LatencyHistogram same = new LatencyHistogram();
            LatencyHistogram cross = new LatencyHistogram();
            long delivered = 0;
            long lost = 0;
            long doubled = 0;
            for (Subscriber s : subscribers) {
                same.merge(s.same);
                cross.merge(s.cross);
                delivered += s.received.get();
                lost += Math.max(0, published - s.measured.get());
                doubled += s.doubled.get();
            }
            return new Result(name, published / seconds, ms(publishLatency.percentile(0.5)), ms(publishLatency.percentile(0.99)),
                    delivered / seconds, ms(same.percentile(0.5)), ms(same.percentile(0.99)),
                    cross.count() == 0 ? Double.NaN : ms(cross.percentile(0.5)),
                    cross.count() == 0 ? Double.NaN : ms(cross.percentile(0.99)), lost, doubled,
                    delivered == 0 ? 0 : cpu / 1e6 / (delivered / 1000.0));
        } finally {
            subscribers.forEach(Subscriber::close);
            for (ServerProcess p : nodes) {
                p.close();
            }
            try (Connection c = DriverManager.getConnection(pg, pgUser, ""); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long cpu(List<ServerProcess> nodes) throws Exception {
        long sum = 0;
        for (ServerProcess p : nodes) {
            sum += p.cpuNanos();
        }
        return sum;
    }

    /**
     * Publishes {@code rate} events a second for {@code seconds}, round robin over the nodes, each
     * carrying its send time and target node; returns how many were answered 201.
     */
    private long publishFor(List<ServerProcess> nodes, String token, int rate, int seconds, LatencyHistogram latency)
            throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong n = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        CompletableFuture<Void> done = new CompletableFuture<>();
        pacer.scheduleAtFixedRate(() -> {
            long i = n.getAndIncrement();
            if (i >= total) {
                done.complete(null);
                return;
            }
            int node = (int) (i % nodes.size());
            long sent = System.nanoTime();
            String body = Json.write(Json.object().put("type", "bench.tick").put("resourceId", "r-" + (i % 50))
                    .<ObjectNode>set("rooms", Json.array().add(ROOM))
                    .set("payload", Json.object().put("t", sent).put("node", node)));
            inFlight.add(request(nodes.get(node), "POST", "/api/events", token, body).thenAccept(status -> {
                if (status == 201) {
                    ok.incrementAndGet();
                    if (latency != null) {
                        synchronized (latency) {
                            latency.record(System.nanoTime() - sent);
                        }
                    }
                }
            }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.get(seconds + 60L, TimeUnit.SECONDS);
        pacer.shutdownNow();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return ok.get();
    }

    private CompletableFuture<Integer> request(ServerProcess node, String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /** A WebSocket subscriber on one node: delivery latencies by where the event was published, and offsets seen. */
    private static final class Subscriber implements WebSocket.Listener {
        final int node;
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        final LatencyHistogram same = new LatencyHistogram();
        final LatencyHistogram cross = new LatencyHistogram();
        final AtomicLong received = new AtomicLong();
        final AtomicLong measured = new AtomicLong();
        final AtomicLong doubled = new AtomicLong();
        private final StringBuilder text = new StringBuilder();
        private long lastOffset;
        private volatile boolean counting;
        private WebSocket socket;

        private Subscriber(int node) {
            this.node = node;
        }

        static Subscriber open(ServerProcess server, int node, String token) throws Exception {
            Subscriber s = new Subscriber(node);
            s.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.wsPort + "/ws?token=" + token + "&app=bench"), s)
                    .get(30, TimeUnit.SECONDS);
            s.socket.sendText("{\"op\":\"join\",\"room\":\"" + ROOM + "\"}", true);
            return s;
        }

        void reset() {
            synchronized (this) {
                same.reset();
                cross.reset();
                received.set(0);
                measured.set(0);
                doubled.set(0);
                counting = true;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frame(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private synchronized void frame(String json) {
            JsonNode f;
            try {
                f = Json.parse(json);
            } catch (Exception e) {
                return;
            }
            String op = f.path("op").asText();
            if (op.equals("error")) {
                joined.completeExceptionally(new IllegalStateException("refused: " + json));
            } else if (op.equals("joined")) {
                lastOffset = f.path("offset").asLong(0);
                joined.complete(null);
            } else if (op.equals("event")) {
                long offset = f.path("offset").asLong();
                if (offset <= lastOffset) {
                    if (counting) {
                        doubled.incrementAndGet();
                    }
                    return;
                }
                lastOffset = offset;
                if (!counting) {
                    return;
                }
                received.incrementAndGet();
                JsonNode p = f.path("event").path("payload");
                long latency = System.nanoTime() - p.path("t").asLong();
                if (p.path("node").asInt() == node) {
                    same.record(latency);
                } else {
                    cross.record(latency);
                }
                measured.incrementAndGet();
            }
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
