package dev.switchboard.console.overview;

import java.util.Optional;

/**
 * Turns the successive totals of one counter (events fanned out, deliveries, reconnects, failures of
 * one reason...) into increases and per-second rates. A total that went down means the gateway
 * restarted and counts from zero again: the increase is then the new total (what was counted since
 * the restart), never a negative rate. The first total after construction or {@link #rebaseline} only
 * sets the baseline.
 *
 * <p>Not thread-safe: owned by whoever feeds it (the overview's UI thread).
 */
final class RateTracker {
    /** What the counter did between two samples; {@code reset} when the total went down. */
    record Step(long increase, long millis, boolean reset) {
        double perSecond() {
            return increase * 1000.0 / millis;
        }
    }

    private boolean hasBaseline;
    private long lastAt;
    private long lastTotal;

    /**
     * Takes the counter's {@code total} at {@code atMillis} (the gateway's clock) and answers what it did
     * since the previous sample, or empty for the first sample and for a sample not later than the
     * previous one (nothing to divide by; the sample is ignored).
     */
    Optional<Step> offer(long atMillis, long total) {
        if (!hasBaseline) {
            hasBaseline = true;
            lastAt = atMillis;
            lastTotal = total;
            return Optional.empty();
        }
        long millis = atMillis - lastAt;
        if (millis <= 0) {
            return Optional.empty();
        }
        boolean reset = total < lastTotal;
        long increase = reset ? total : total - lastTotal;
        lastAt = atMillis;
        lastTotal = total;
        return Optional.of(new Step(increase, millis, reset));
    }

    /** Forgets the previous sample: the next one only sets the baseline (after the stream reconnected). */
    void rebaseline() {
        hasBaseline = false;
    }
}
