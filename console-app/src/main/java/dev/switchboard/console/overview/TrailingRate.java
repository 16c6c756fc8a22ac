package dev.switchboard.console.overview;

import java.util.ArrayDeque;

/**
 * A counter's average rate over a trailing window (reconnects per minute over the last minute), from
 * the {@link RateTracker.Step}s of its tracker. Rare events (a reconnect every few seconds) give a
 * per-second chart of spikes and zeros; the trailing average reads as a level. Before a full window
 * has passed it averages over the time it has.
 *
 * <p>Not thread-safe: owned by whoever feeds it (the overview's UI thread).
 */
final class TrailingRate {
    private record Entry(long at, long increase, long millis) {
    }

    private final long windowMillis;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long increase;
    private long millis;

    TrailingRate(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** The step that ended at {@code at} (the gateway's clock). */
    void add(long at, RateTracker.Step step) {
        entries.addLast(new Entry(at, step.increase(), step.millis()));
        increase += step.increase();
        millis += step.millis();
        while (!entries.isEmpty() && entries.peekFirst().at() <= at - windowMillis) {
            Entry old = entries.removeFirst();
            increase -= old.increase();
            millis -= old.millis();
        }
    }

    /** The average per {@code unitMillis} over the window, or NaN before the first step. */
    double per(long unitMillis) {
        return millis == 0 ? Double.NaN : increase * (double) unitMillis / millis;
    }
}
