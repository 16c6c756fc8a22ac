package dev.switchboard.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniformly random time between 0 and
 * min(cap, base * 2^n), so thousands of clients cut off at once do not come back at once.
 */
final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private int attempt;

    Backoff(long baseMillis, long capMillis) {
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    long next() {
        long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt, 20));
        attempt++;
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    void reset() {
        attempt = 0;
    }
}
