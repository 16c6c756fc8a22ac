package dev.switchboard.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with fixed upper bounds. Observations are lock-free; a render may see a
 * count and a sum from slightly different moments, which Prometheus tolerates.
 */
public final class Histogram implements Metrics.Instrument {
    /** Seconds, from 0.5 ms to 10 s: publish, commit and delivery latencies. */
    public static final double[] LATENCY_SECONDS =
            {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Counts from 1 to 4096: batch sizes, fanout widths. */
    public static final double[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(value);
    }

    public void observeNanos(long nanos) {
        observe(nanos / 1e9);
    }

    public long count() {
        return count.sum();
    }

    public double sum() {
        return sum.sum();
    }

    @Override
    public void render(String name, String labels, StringBuilder out) {
        String sep = labels.isEmpty() ? "" : labels + ",";
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets[i].sum();
            out.append(name).append("_bucket{").append(sep).append("le=\"").append(Metrics.number(bounds[i]))
                    .append("\"} ").append(cumulative).append('\n');
        }
        long total = Math.max(count.sum(), cumulative);
        out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(total).append('\n');
        out.append(Metrics.series(name + "_sum", labels)).append(' ').append(Metrics.number(sum.sum())).append('\n');
        out.append(Metrics.series(name + "_count", labels)).append(' ').append(total).append('\n');
    }
}
