package dev.switchboard.gateway;

import java.util.function.LongSupplier;

/**
 * Counts occurrences in fixed windows and says when one goes over the limit: refused frames per
 * minute (protocol abuse, 4000) and rate-limited frames per second (flooding, 4008). Not thread-safe:
 * each belongs to one connection's decoder thread.
 */
final class WindowCounter {
    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int count;

    WindowCounter(int limit, long windowNanos) {
        this(limit, windowNanos, System::nanoTime);
    }

    /** {@code nanoClock}: {@link System#nanoTime}, or a test's own clock. */
    WindowCounter(int limit, long windowNanos, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Records one; true when this one is over the limit within the current window. */
    boolean recordAndExceeded() {
        long now = nanoClock.getAsLong();
        if (now - windowStart > windowNanos) {
            windowStart = now;
            count = 0;
        }
        return ++count > limit;
    }
}
