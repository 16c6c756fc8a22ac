package dev.switchboard.bench;

import java.util.Arrays;

/** Latency samples of one thread, merged and summarised at the end (no locking while measuring). */
final class Latencies {
    private long[] nanos = new long[1 << 16];
    private int size;

    void add(long n) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = n;
    }

    int size() {
        return size;
    }

    static Summary summarise(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies l : parts) {
            total += l.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies l : parts) {
            System.arraycopy(l.nanos, 0, all, at, l.size);
            at += l.size;
        }
        Arrays.sort(all);
        return new Summary(total, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999), total == 0 ? 0 : all[total - 1]);
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    record Summary(int count, long p50, long p99, long p999, long max) {
        static String ms(long nanos) {
            return String.format("%.2f", nanos / 1e6);
        }
    }
}
