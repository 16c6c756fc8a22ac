package dev.switchboard.gateway;

import java.util.Arrays;

/**
 * Latency percentiles over the last stats interval (one second), for the admin stream's live charts.
 * Prometheus histograms answer "since start"; an operator watching a chart wants "now". Samples fall
 * into buckets 25 % apart from 10 µs to ~40 s, so a percentile is exact to within one bucket.
 *
 * <p>Threads: {@link #record} is called by the fanout thread, {@link #drain} by the gateway's timer
 * thread; both are synchronised on this, and both do O(buckets) work at most.
 */
final class LatencyWindow {
    private static final double FIRST_BUCKET_MS = 0.01;
    private static final double GROWTH = 1.25;
    private static final int BUCKETS = 70;

    /** The last interval's figures, in milliseconds; {@code count} 0 means nothing was recorded. */
    record Figures(long count, double p50, double p99, double max) {
    }

    private final long[] counts = new long[BUCKETS];
    private long total;
    private double max;

    synchronized void record(double millis) {
        counts[bucket(millis)]++;
        total++;
        max = Math.max(max, millis);
    }

    /** The figures since the previous call, and a fresh interval. */
    synchronized Figures drain() {
        Figures f = new Figures(total, percentile(0.50), percentile(0.99), max);
        Arrays.fill(counts, 0);
        total = 0;
        max = 0;
        return f;
    }

    private double percentile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    private static int bucket(double millis) {
        if (millis <= FIRST_BUCKET_MS) {
            return 0;
        }
        int i = (int) Math.ceil(Math.log(millis / FIRST_BUCKET_MS) / Math.log(GROWTH));
        return Math.min(i, BUCKETS - 1);
    }

    private static double upperBound(int bucket) {
        return FIRST_BUCKET_MS * Math.pow(GROWTH, bucket);
    }
}
