package dev.switchboard.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

/**
 * The gateway's metrics, rendered in the Prometheus text format at {@code /metrics}: Micrometer's
 * Prometheus registry behind the three calls the rest of the code uses (counter, histogram, gauge),
 * plus the JVM and process meters Micrometer ships ({@code jvm_*}, {@code process_*},
 * {@code system_*}).
 *
 * <p><b>Names.</b> Each metric is exported under exactly the name it is registered with, because
 * dashboards, tests and docs/protocol-extensions.md use those names. Micrometer and the Prometheus
 * client rewrite names (they strip {@code _total}, {@code _info}, {@code _bucket}, {@code _created}
 * and add {@code _total} back to counters only), so registration checks, with the library's own
 * naming functions, that the exported name is the requested one and refuses any other:
 * counters are named {@code ..._total}; histograms and gauges end in none of those suffixes; a gauge
 * named {@code ..._info} becomes a Prometheus info metric (value always 1, which is checked), the one
 * kind Micrometer has no meter for.
 *
 * <p><b>Histograms</b> export exactly the bucket bounds they are given. One named {@code ..._seconds}
 * is a Micrometer timer (nanosecond buckets, exact); any other is a distribution summary, which
 * rounds observations up to whole numbers when it picks a bucket, so its bounds must be whole
 * numbers (checked). See {@link Histogram}.
 *
 * <p><b>Labels</b> come in pairs: name, value, name, value ... All series of one name have the same
 * type and the same label names (Prometheus wants it; registration refuses anything else).
 *
 * <p><b>Caching.</b> Instruments are kept by (name, label values), so a component that asks per event
 * (a close code, a limit) gets its counter from a map lookup instead of a Micrometer registration.
 * Components that can still look theirs up once, at construction, should.
 *
 * <p><b>Threads.</b> Thread-safe. Updates are lock-free (adders underneath); registration and
 * {@link #render()} may run on any thread, concurrently with updates. Gauge suppliers run on the
 * thread that renders.
 *
 * <p>{@link #close()} releases the garbage-collection listeners the JVM meters hold; the owner of a
 * {@code Metrics} (the gateway) closes it when it stops.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<Key, AtomicReference<DoubleSupplier>> gauges = new ConcurrentHashMap<>();
    private final Map<String, Info> infos = new ConcurrentHashMap<>();
    /** What each name was first registered as: its kind and label names. */
    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The counter {@code name} (which ends in {@code _total}) with these labels, registered on first use. */
    public Counter counter(String name, String help, String... labels) {
        Key key = new Key(name, List.of(labels));
        Counter counter = counters.get(key);
        if (counter != null) {
            return counter;
        }
        return counters.computeIfAbsent(key, k -> {
            checkShape(name, Kind.COUNTER, labels);
            return new Counter(io.micrometer.core.instrument.Counter.builder(name).description(help).tags(labels)
                    .register(registry));
        });
    }

    /**
     * The histogram {@code name} with these labels, registered on first use with {@code bounds} as its
     * bucket upper bounds (a later call with other bounds gets the existing histogram). A name ending
     * in {@code _seconds} records durations; any other needs whole-number bounds (see {@link Histogram}).
     */
    public Histogram histogram(String name, String help, double[] bounds, String... labels) {
        Key key = new Key(name, List.of(labels));
        Histogram histogram = histograms.get(key);
        if (histogram != null) {
            return histogram;
        }
        return histograms.computeIfAbsent(key, k -> name.endsWith("_seconds")
                ? durations(name, help, bounds, labels)
                : amounts(name, help, bounds, labels));
    }

    private Histogram durations(String name, String help, double[] bounds, String[] labels) {
        checkShape(name, Kind.DURATIONS, labels);
        Duration[] slos = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            slos[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
        }
        return new Histogram.Durations(Timer.builder(name).description(help).tags(labels)
                .serviceLevelObjectives(slos)
                .publishPercentileHistogram(false)
                .register(registry));
    }

    private Histogram amounts(String name, String help, double[] bounds, String[] labels) {
        for (double bound : bounds) {
            if (bound != Math.rint(bound)) {
                throw new IllegalArgumentException(name + ": bucket bound " + bound + " is not a whole number;"
                        + " Micrometer buckets amounts as whole numbers (durations go in a histogram named ..._seconds)");
            }
        }
        checkShape(name, Kind.AMOUNTS, labels);
        return new Histogram.Amounts(DistributionSummary.builder(name).description(help).tags(labels)
                .serviceLevelObjectives(bounds.clone())
                .publishPercentileHistogram(false)
                .register(registry));
    }

    /**
     * A gauge read from {@code value} at each render. Registering the same name and labels again
     * replaces the supplier (a component created anew reports its own state). A name ending in
     * {@code _info} makes an info metric: {@code value} must be 1.
     */
    public void gauge(String name, String help, DoubleSupplier value, String... labels) {
        if (name.endsWith("_info")) {
            info(name, help, value, labels);
            return;
        }
        Key key = new Key(name, List.of(labels));
        AtomicReference<DoubleSupplier> current = gauges.get(key);
        if (current == null) {
            current = gauges.computeIfAbsent(key, k -> {
                checkShape(name, Kind.GAUGE, labels);
                AtomicReference<DoubleSupplier> supplier = new AtomicReference<>(value);
                Gauge.builder(name, supplier, s -> s.get().getAsDouble()).strongReference(true).description(help)
                        .tags(labels).register(registry);
                return supplier;
            });
        }
        current.set(value);
    }

    /**
     * Removes one gauge series, for a label value that is gone (an app version nobody runs any more), so
     * series do not pile up. Registering it again later starts it anew.
     */
    public void removeGauge(String name, String... labels) {
        if (gauges.remove(new Key(name, List.of(labels))) != null) {
            Gauge gauge = registry.find(name).tags(labels).gauge();
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }

    private void info(String name, String help, DoubleSupplier value, String[] labels) {
        if (value.getAsDouble() != 1) {
            throw new IllegalArgumentException(name + " is an info metric: its value is always 1");
        }
        checkShape(name, Kind.INFO, labels);
        // Label names in the order the shape check uses, values in the same order.
        Map<String, String> pairs = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            pairs.put(labels[i], labels[i + 1]);
        }
        Info info = infos.computeIfAbsent(name, n -> Info.builder().name(n).help(help)
                .labelNames(pairs.keySet().toArray(String[]::new)).register(registry.getPrometheusRegistry()));
        info.addLabelValues(pairs.values().toArray(String[]::new));
    }

    /** The Prometheus text exposition format, version 0.0.4: serve it as {@code text/plain; version=0.0.4; charset=utf-8}. */
    public String render() {
        return registry.scrape();
    }

    /** Stops listening for garbage collections and closes the registry. */
    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }

    /** Refuses a name that would be exported under another name, or with another kind or label set. */
    private void checkShape(String name, Kind kind, String[] labels) {
        String exported = exportedName(name, kind);
        if (!exported.equals(name)) {
            throw new IllegalArgumentException(name + " would be exported as " + exported
                    + (kind == Kind.COUNTER ? " (counter names end in _total)" : ""));
        }
        Shape wanted = new Shape(kind, labelNames(labels));
        Shape had = shapes.putIfAbsent(name, wanted);
        if (had != null && !had.equals(wanted)) {
            throw new IllegalArgumentException(name + " is a " + had + ", not a " + wanted);
        }
    }

    /** The name Prometheus shows for this metric, derived as the registry and its writer derive it. */
    private String exportedName(String name, Kind kind) {
        if (kind == Kind.INFO) {
            return PrometheusNaming.sanitizeMetricName(name) + "_info";
        }
        String base = PrometheusNaming.sanitizeMetricName(registry.config().namingConvention().name(name, kind.type));
        return kind == Kind.COUNTER ? base + "_total" : base;
    }

    private static List<String> labelNames(String[] labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < labels.length; i += 2) {
            names.add(labels[i]);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    private enum Kind {
        COUNTER(Meter.Type.COUNTER),
        DURATIONS(Meter.Type.TIMER),
        AMOUNTS(Meter.Type.DISTRIBUTION_SUMMARY),
        GAUGE(Meter.Type.GAUGE),
        INFO(Meter.Type.GAUGE);

        final Meter.Type type;

        Kind(Meter.Type type) {
            this.type = type;
        }
    }

    private record Key(String name, List<String> labels) {
    }

    private record Shape(Kind kind, List<String> labelNames) {
        @Override
        public String toString() {
            String what = switch (kind) {
                case COUNTER -> "counter";
                case DURATIONS, AMOUNTS -> "histogram";
                case GAUGE -> "gauge";
                case INFO -> "info metric";
            };
            return what + " labelled " + labelNames;
        }
    }
}
