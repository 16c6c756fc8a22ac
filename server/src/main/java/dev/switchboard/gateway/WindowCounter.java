package dev.switchboard.gateway;

/**
 * Counts occurrences in fixed windows and says when one goes over the limit: refused frames per
 * minute (protocol abuse, 4000) and rate-limited frames per second (flooding, 4008). Not thread-safe:
 * each belongs to one connection's decoder thread.
 */
final class WindowCounter {
    private final int limit;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private int count;

    WindowCounter(int limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    /** Records one; true when this one is over the limit within the current window. */
    boolean recordAndExceeded() {
        long now = System.nanoTime();
        if (now - windowStart > windowNanos) {
            windowStart = now;
            count = 0;
        }
        return ++count > limit;
    }
}
