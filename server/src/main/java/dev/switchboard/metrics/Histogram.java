package dev.switchboard.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus histogram with fixed upper bounds: the exposition has exactly those {@code le}
 * buckets (plus {@code +Inf}), a {@code _count}, a {@code _sum}, and Micrometer's {@code <name>_max}
 * gauge (the largest observation of the last few minutes).
 *
 * <p>Two kinds, chosen by {@link Metrics#histogram} from the name. A name ending in {@code _seconds}
 * is a Micrometer {@link Timer}, which buckets nanoseconds exactly. Any other is a
 * {@link DistributionSummary}, which rounds each observation up to a whole number before it picks a
 * bucket (the sum stays exact), so its bounds must be whole numbers for the buckets to be right.
 *
 * <p>Observations are lock-free; a scrape may see a count and a sum from slightly different moments,
 * which Prometheus tolerates. Negative observations are ignored.
 */
public abstract sealed class Histogram permits Histogram.Durations, Histogram.Amounts {
    /** Seconds, from 0.5 ms to 10 s: publish, commit and delivery latencies. */
    public static final double[] LATENCY_SECONDS =
            {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Counts from 1 to 4096: batch sizes, fanout widths. */
    public static final double[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
    /** Payload sizes in bytes, 64 B to 1 MiB. */
    public static final double[] BYTES = {64, 256, 1024, 4096, 16384, 65536, 262144, 1048576};

    private Histogram() {
    }

    public abstract void observe(double value);

    /** Records a duration given in nanoseconds, in seconds. */
    public abstract void observeNanos(long nanos);

    public abstract long count();

    public abstract double sum();

    /** Seconds, recorded as nanoseconds by a Micrometer timer. */
    static final class Durations extends Histogram {
        private final Timer timer;

        Durations(Timer timer) {
            this.timer = timer;
        }

        @Override
        public void observe(double seconds) {
            timer.record(Math.round(seconds * 1e9), TimeUnit.NANOSECONDS);
        }

        @Override
        public void observeNanos(long nanos) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public long count() {
            return timer.count();
        }

        @Override
        public double sum() {
            return timer.totalTime(TimeUnit.SECONDS);
        }
    }

    /** Anything but durations: sizes, counts. */
    static final class Amounts extends Histogram {
        private final DistributionSummary summary;

        Amounts(DistributionSummary summary) {
            this.summary = summary;
        }

        @Override
        public void observe(double value) {
            summary.record(value);
        }

        @Override
        public void observeNanos(long nanos) {
            summary.record(nanos / 1e9);
        }

        @Override
        public long count() {
            return summary.count();
        }

        @Override
        public double sum() {
            return summary.totalAmount();
        }
    }
}
