package dev.switchboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;

/** The facade over Micrometer: exported names, labels and buckets, and text that parses as Prometheus's. */
class MetricsExpositionTest {
    private final Metrics metrics = new Metrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void countersKeepTheirNamesAndLabels() {
        metrics.counter("switchboard_publish_total", "Publishes answered, by outcome.", "outcome", "created").add(3);
        metrics.counter("switchboard_publish_total", "Publishes answered, by outcome.", "outcome", "bad_json").inc();
        metrics.counter("switchboard_acks_total", "Cumulative acks received.").inc();
        metrics.counter("switchboard_http_requests_total", "HTTP requests.", "route", "/api/events", "status", "201").inc();

        String text = metrics.render();
        Map<String, Double> samples = Exposition.parse(text);
        assertThat(text).contains("# TYPE switchboard_publish_total counter");
        assertThat(text).contains("# HELP switchboard_publish_total Publishes answered, by outcome.");
        assertThat(samples).containsEntry("switchboard_publish_total{outcome=\"created\"}", 3.0)
                .containsEntry("switchboard_publish_total{outcome=\"bad_json\"}", 1.0)
                .containsEntry("switchboard_acks_total", 1.0)
                .containsEntry("switchboard_http_requests_total{route=\"/api/events\",status=\"201\"}", 1.0);
    }

    @Test
    void instrumentsAreCachedByNameAndLabels() {
        Counter a = metrics.counter("switchboard_ws_connections_closed_total", "Closed, by code.", "code", "4009");
        Counter b = metrics.counter("switchboard_ws_connections_closed_total", "Closed, by code.", "code", "4009");
        Counter c = metrics.counter("switchboard_ws_connections_closed_total", "Closed, by code.", "code", "1000");
        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(a);
        a.inc();
        b.add(2);
        assertThat(a.value()).isEqualTo(3);
        assertThat(Exposition.parse(metrics.render()))
                .containsEntry("switchboard_ws_connections_closed_total{code=\"4009\"}", 3.0)
                .containsEntry("switchboard_ws_connections_closed_total{code=\"1000\"}", 0.0);
        assertThat(metrics.histogram("switchboard_fanout_lag_seconds", "Lag.", Histogram.LATENCY_SECONDS))
                .isSameAs(metrics.histogram("switchboard_fanout_lag_seconds", "Lag.", Histogram.LATENCY_SECONDS));
    }

    @Test
    void latencyHistogramsHaveExactlyTheGivenBuckets() {
        Histogram lag = metrics.histogram("switchboard_fanout_lag_seconds", "Commit to hand-off.", Histogram.LATENCY_SECONDS);
        lag.observe(0.0007);              // le=0.001
        lag.observeNanos(3_000_000);      // le=0.005
        lag.observeNanos(500_000);        // le=0.0005: a bound is inclusive
        lag.observe(42);                  // only +Inf

        String text = metrics.render();
        assertThat(text).contains("# TYPE switchboard_fanout_lag_seconds histogram");
        Map<Double, Double> buckets = Exposition.buckets(text, "switchboard_fanout_lag_seconds");
        List<Double> expectedBounds = new ArrayList<>();
        for (double b : Histogram.LATENCY_SECONDS) {
            expectedBounds.add(b);
        }
        expectedBounds.add(Double.POSITIVE_INFINITY);
        assertThat(buckets.keySet()).containsExactlyElementsOf(expectedBounds);
        assertThat(buckets.get(0.0005)).isEqualTo(1);
        assertThat(buckets.get(0.001)).isEqualTo(2);
        assertThat(buckets.get(0.0025)).isEqualTo(2);
        assertThat(buckets.get(0.005)).isEqualTo(3);
        assertThat(buckets.get(10.0)).isEqualTo(3);
        assertThat(buckets.get(Double.POSITIVE_INFINITY)).isEqualTo(4);

        Map<String, Double> samples = Exposition.parse(text);
        assertThat(samples).containsEntry("switchboard_fanout_lag_seconds_count", 4.0);
        assertThat(samples.get("switchboard_fanout_lag_seconds_sum")).isCloseTo(42.0042, Offset.offset(1e-9));
        assertThat(lag.count()).isEqualTo(4);
        assertThat(lag.sum()).isCloseTo(42.0042, Offset.offset(1e-9));
    }

    @Test
    void sizeHistogramsHaveExactlyTheGivenBuckets() {
        Histogram sizes = metrics.histogram("switchboard_eventlog_batch_size", "Publishes per group commit.", Histogram.SIZES);
        sizes.observe(1);
        sizes.observe(3);
        sizes.observe(4);
        sizes.observe(5000);

        String text = metrics.render();
        assertThat(text).contains("# TYPE switchboard_eventlog_batch_size histogram");
        Map<Double, Double> buckets = Exposition.buckets(text, "switchboard_eventlog_batch_size");
        assertThat(buckets).hasSize(Histogram.SIZES.length + 1);
        assertThat(buckets.get(1.0)).isEqualTo(1);
        assertThat(buckets.get(2.0)).isEqualTo(1);
        assertThat(buckets.get(4.0)).isEqualTo(3);
        assertThat(buckets.get(4096.0)).isEqualTo(3);
        assertThat(buckets.get(Double.POSITIVE_INFINITY)).isEqualTo(4);
        assertThat(Exposition.parse(text)).containsEntry("switchboard_eventlog_batch_size_count", 4.0)
                .containsEntry("switchboard_eventlog_batch_size_sum", 5008.0);
    }

    @Test
    void gaugesReadTheirSupplierAndTheLatestRegistrationWins() {
        AtomicInteger open = new AtomicInteger(2);
        metrics.gauge("switchboard_ws_connections", "Open WebSocket connections.", open::get);
        assertThat(Exposition.parse(metrics.render())).containsEntry("switchboard_ws_connections", 2.0);
        open.set(5);
        assertThat(Exposition.parse(metrics.render())).containsEntry("switchboard_ws_connections", 5.0);
        metrics.gauge("switchboard_ws_connections", "Open WebSocket connections.", () -> 7);
        String text = metrics.render();
        assertThat(Exposition.parse(text)).containsEntry("switchboard_ws_connections", 7.0);
        assertThat(text).contains("# TYPE switchboard_ws_connections gauge");
    }

    @Test
    void infoMetricsKeepTheirName() {
        metrics.gauge("switchboard_info", "This node's name and version.", () -> 1, "node", "n1", "version", "0.1.0");
        String text = metrics.render();
        assertThat(text).contains("# TYPE switchboard_info gauge");
        assertThat(Exposition.parse(text)).containsEntry("switchboard_info{node=\"n1\",version=\"0.1.0\"}", 1.0);
        // A second registry in the same JVM (tests start several gateways) has its own.
        try (Metrics other = new Metrics()) {
            other.gauge("switchboard_info", "This node's name and version.", () -> 1, "version", "0.2.0", "node", "n2");
            assertThat(Exposition.parse(other.render())).containsEntry("switchboard_info{node=\"n2\",version=\"0.2.0\"}", 1.0)
                    .doesNotContainKey("switchboard_info{node=\"n1\",version=\"0.1.0\"}");
        }
    }

    @Test
    void labelValuesAreEscaped() {
        metrics.counter("switchboard_ws_errors_total", "Errors.", "code", "a\"b\\c\nd").inc();
        assertThat(Exposition.parse(metrics.render())).containsEntry("switchboard_ws_errors_total{code=\"a\\\"b\\\\c\\nd\"}", 1.0);
    }

    @Test
    void refusesWhatWouldBeExportedOtherwise() {
        metrics.counter("switchboard_joins_total", "Joins.", "result", "live");
        assertThatThrownBy(() -> metrics.counter("switchboard_joins_total", "Joins.", "outcome", "live"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelled [result]");
        assertThatThrownBy(() -> metrics.gauge("switchboard_joins_total", "Joins.", () -> 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("switchboard_joins", "No _total."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("switchboard_joins_total");
        assertThatThrownBy(() -> metrics.histogram("switchboard_payload_ratio", "Fractions.", new double[] {0.5, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> metrics.gauge("switchboard_build_info", "Info.", () -> 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("switchboard_odd_total", "Odd.", "code"))
                .isInstanceOf(IllegalArgumentException.class);
        // The refused registrations left nothing behind.
        assertThat(metrics.render()).doesNotContain("switchboard_joins{").doesNotContain("outcome=")
                .doesNotContain("switchboard_payload_ratio").doesNotContain("switchboard_build");
    }

    @Test
    void exportsJvmAndProcessMetrics() {
        Map<String, Double> samples = Exposition.parse(metrics.render());
        assertThat(samples.keySet()).anyMatch(s -> s.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .contains("jvm_threads_live_threads", "process_uptime_seconds", "process_cpu_usage",
                        "system_cpu_count", "process_start_time_seconds", "process_files_open_files");
    }

    @Test
    void concurrentCountingLosesNothing() throws InterruptedException {
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    metrics.counter("switchboard_ws_limit_events_total", "Limits hit.", "limit", i % 2 == 0 ? "message_rate" : "bad_frames").inc();
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        Map<String, Double> samples = Exposition.parse(metrics.render());
        assertThat(samples).containsEntry("switchboard_ws_limit_events_total{limit=\"message_rate\"}", threads * perThread / 2.0)
                .containsEntry("switchboard_ws_limit_events_total{limit=\"bad_frames\"}", threads * perThread / 2.0);
    }

    @Test
    void theWholeRenderParsesAsPrometheusText() {
        metrics.counter("switchboard_publish_total", "Publishes.", "outcome", "created").inc();
        metrics.histogram("switchboard_publish_duration_seconds", "Latency.", Histogram.LATENCY_SECONDS).observe(0.003);
        metrics.histogram("switchboard_eventlog_batch_size", "Sizes.", Histogram.SIZES).observe(2);
        metrics.gauge("switchboard_ready", "Ready.", () -> 1);
        metrics.gauge("switchboard_info", "Info.", () -> 1, "node", "n1", "version", "v");
        System.gc();
        Map<String, Double> samples = Exposition.parse(metrics.render());
        assertThat(samples).hasSizeGreaterThan(40);
    }

    /** A strict reader of the Prometheus text format 0.0.4, as far as these tests need it. */
    static final class Exposition {
        private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
        private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
        private static final String VALUE = "[+-]?(?:[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?|Inf|NaN)";
        private static final Pattern SAMPLE =
                Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?})? (" + VALUE + ")");
        private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
        private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");

        /** Every sample by its series text ({@code name{labels}}); fails on any line that is not Prometheus text. */
        static Map<String, Double> parse(String text) {
            assertThat(text).endsWith("\n");
            Map<String, Double> samples = new LinkedHashMap<>();
            Map<String, String> types = new HashMap<>();
            Set<String> helped = new HashSet<>();
            String family = null;
            for (String line : text.split("\n")) {
                Matcher help = HELP.matcher(line);
                Matcher type = TYPE.matcher(line);
                if (help.matches()) {
                    assertThat(helped.add(help.group(1))).as("one HELP for %s", help.group(1)).isTrue();
                } else if (type.matches()) {
                    assertThat(types.put(type.group(1), type.group(2))).as("one TYPE for %s", type.group(1)).isNull();
                    family = type.group(1);
                } else {
                    Matcher sample = SAMPLE.matcher(line);
                    assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
                    String name = sample.group(1);
                    assertThat(family).as("a TYPE before %s", line).isNotNull();
                    assertThat(belongsTo(name, family, types.get(family))).as("%s in family %s", line, family).isTrue();
                    String series = name + (sample.group(2) == null ? "" : sample.group(2));
                    assertThat(samples.put(series, parseValue(sample.group(3)))).as("one sample for %s", series).isNull();
                }
            }
            return samples;
        }

        private static boolean belongsTo(String name, String family, String type) {
            return switch (type) {
                case "histogram" -> name.equals(family + "_bucket") || name.equals(family + "_count") || name.equals(family + "_sum");
                case "summary" -> name.equals(family) || name.equals(family + "_count") || name.equals(family + "_sum");
                default -> name.equals(family);
            };
        }

        /** The cumulative counts of an unlabelled histogram, by upper bound, in the order exported. */
        static Map<Double, Double> buckets(String text, String name) {
            Map<Double, Double> buckets = new LinkedHashMap<>();
            Pattern bucket = Pattern.compile(Pattern.quote(name) + "_bucket\\{le=\"([^\"]+)\"}");
            parse(text).forEach((series, value) -> {
                Matcher m = bucket.matcher(series);
                if (m.matches()) {
                    buckets.put(parseValue(m.group(1)), value);
                }
            });
            return buckets;
        }

        private static double parseValue(String v) {
            return switch (v) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            };
        }
    }
}
