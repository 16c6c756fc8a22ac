package dev.switchboard.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The gateway's metrics registry, rendered in the Prometheus text format at {@code /metrics}.
 * Components ask it for their counters, histograms and gauges once, at construction, and update them
 * lock-free on hot paths. A handful of plain classes instead of a metrics framework: the gateway needs
 * three instrument kinds and one output format.
 *
 * <p>Thread-safe.
 */
public final class Metrics {
    private final Map<String, Family> families = new ConcurrentHashMap<>();

    public Counter counter(String name, String help, String... labels) {
        return (Counter) family(name, help, "counter").children.computeIfAbsent(labelText(labels), k -> new Counter());
    }

    public Histogram histogram(String name, String help, double[] bounds, String... labels) {
        return (Histogram) family(name, help, "histogram").children.computeIfAbsent(labelText(labels),
                k -> new Histogram(bounds));
    }

    public void gauge(String name, String help, DoubleSupplier value, String... labels) {
        family(name, help, "gauge").children.put(labelText(labels), new Gauge(value));
    }

    private Family family(String name, String help, String type) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, help, type));
        if (!f.type.equals(type)) {
            throw new IllegalArgumentException(name + " is a " + f.type + ", not a " + type);
        }
        return f;
    }

    /** {@code labels} come in pairs: name, value, name, value ... */
    static String labelText(String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        if (labels.length == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        return b.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    public String render() {
        StringBuilder out = new StringBuilder(8192);
        List<Family> sorted = new ArrayList<>(families.values());
        sorted.sort((a, b) -> a.name.compareTo(b.name));
        for (Family f : sorted) {
            out.append("# HELP ").append(f.name).append(' ').append(f.help).append('\n');
            out.append("# TYPE ").append(f.name).append(' ').append(f.type).append('\n');
            Map<String, Instrument> children = new LinkedHashMap<>(f.children);
            children.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> e.getValue().render(f.name, e.getKey(), out));
        }
        return out.toString();
    }

    static String series(String name, String labels) {
        return labels.isEmpty() ? name : name + "{" + labels + "}";
    }

    static String number(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    interface Instrument {
        void render(String name, String labels, StringBuilder out);
    }

    private static final class Family {
        final String name;
        final String help;
        final String type;
        final Map<String, Instrument> children = new ConcurrentHashMap<>();

        Family(String name, String help, String type) {
            this.name = name;
            this.help = help;
            this.type = type;
        }
    }

    private record Gauge(DoubleSupplier value) implements Instrument {
        public void render(String name, String labels, StringBuilder out) {
            out.append(series(name, labels)).append(' ').append(number(value.getAsDouble())).append('\n');
        }
    }
}
