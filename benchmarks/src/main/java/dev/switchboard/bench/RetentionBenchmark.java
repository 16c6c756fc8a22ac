package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.eventlog.PublishOutcome;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.event.PublishRequest;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.time.SimulatedClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How long one retention pass over a large log takes, and what it does to publish latency
 * (docs/benchmarks.md, "Retention"). Fills an embedded log with {@code --events} events on a clock
 * this benchmark moves, then moves the clock past {@code log.max-age} so that one pass has to trim
 * every stream and delete all but the latest version of each resource, while one publisher in a loop
 * measures its latency; the same publisher first measures it without a pass, for comparison.
 *
 * <pre>java -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.RetentionBenchmark --events 300000 [--retention-batch 2000] [--compact-time 0ms]</pre>
 */
public final class RetentionBenchmark {
    private static final List<String> ROOMS = List.of("doc:1", "doc:2", "doc:3", "doc:4", "team:a", "team:b");

    private RetentionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int events = options.integer("events", 300_000);
        int resources = options.integer("resources", 20_000);
        Path data = Files.createTempDirectory("switchboard-retention-bench");
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-01T00:00:00Z"));
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.DATA_DIR, data.toString());
        values.put(ConfigKey.TOKEN_SECRET, "benchmark-secret-0123456789-abcdefghijkl");
        values.put(ConfigKey.LOG_MAX_AGE, "1d");
        values.put(ConfigKey.LOG_COMPACT_TIME, options.text("compact-time", "0ms"));
        values.put(ConfigKey.LOG_RETENTION_BATCH, options.text("retention-batch", "2000"));
        values.put(ConfigKey.LOG_RETENTION_INTERVAL, "1h");
        // A publisher that never pauses gets its tail folded only by volume; a small tail lets the pass
        // delete almost everything (it stops at materialized_seq).
        values.put(ConfigKey.LOG_MATERIALIZE_EVERY, "1000");
        try (EventLog log = new EventLog(GatewayConfig.from(values), clock, new Metrics())) {
            long started = System.nanoTime();
            List<CompletableFuture<PublishOutcome>> group = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                clock.advance(Duration.ofHours(12).dividedBy(events)); // half a day, less than an interval
                group.add(publish(log, "res:" + (i % resources), i));
                if (group.size() == 500) {
                    group.forEach(CompletableFuture::join);
                    group.clear();
                }
            }
            group.forEach(CompletableFuture::join);
            System.out.printf("filled %,d events in %.1f s; file %,d bytes%n", events,
                    (System.nanoTime() - started) / 1e9, Files.size(data.resolve("switchboard.mv.db")));
            LatencyHistogram quiet = measure(log, clock, 3_000, null);
            report("publish latency, no retention running", quiet);

            clock.advance(Duration.ofDays(2));
            long passStarted = System.nanoTime();
            long[] passEnded = {0};
            LatencyHistogram during = measure(log, clock, Integer.MAX_VALUE, () -> {
                // Done when what is left is about what snapshots need (plus the unfolded tail).
                if (passEnded[0] == 0 && eventsBeyondSnapshots(log) <= 2_000) {
                    passEnded[0] = System.nanoTime();
                }
                return passEnded[0] != 0;
            });
            System.out.printf("retention pass: %.1f s; events beyond the latest versions snapshots read: %,d; file %,d bytes%n",
                    (passEnded[0] - passStarted) / 1e9, eventsBeyondSnapshots(log),
                    Files.size(data.resolve("switchboard.mv.db")));
            report("publish latency during the pass", during);
        }
        System.out.printf("file after close %,d bytes%n", Files.size(data.resolve("switchboard.mv.db")));
    }

    /** One publisher in a loop, for {@code n} publishes or until {@code done} says so (checked every 100). */
    private static LatencyHistogram measure(EventLog log, SimulatedClock clock, int n,
                                            java.util.function.BooleanSupplier done) {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < n; i++) {
            if (done != null && i % 100 == 0 && done.getAsBoolean()) {
                break;
            }
            clock.advance(Duration.ofMillis(10));
            long t = System.nanoTime();
            publish(log, "probe:" + (i % 100), i).join();
            h.record(System.nanoTime() - t);
        }
        return h;
    }

    private static CompletableFuture<PublishOutcome> publish(EventLog log, String resource, int n) {
        ObjectNode payload = Json.object();
        payload.put("n", n);
        payload.put("text", "x".repeat(400));
        List<String> rooms = List.of(ROOMS.get(n % ROOMS.size()));
        return log.publish(new PublishRequest(null, "doc.edited", resource, rooms, "bench", payload, null),
                Json.write(payload));
    }

    private static void report(String what, LatencyHistogram h) {
        System.out.printf("%s: %,d publishes, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", what, h.count(),
                h.percentile(0.5) / 1e6, h.percentile(0.99) / 1e6, h.percentile(0.999) / 1e6, h.max() / 1e6);
    }

    /** Rows of {@code events} beyond one per row of {@code room_resources}. */
    private static long eventsBeyondSnapshots(EventLog log) {
        String sql = "SELECT (SELECT COUNT(*) FROM events) - (SELECT COUNT(*) FROM room_resources)";
        try (Connection c = log.database().dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
