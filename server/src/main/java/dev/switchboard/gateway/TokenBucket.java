package dev.switchboard.gateway;

/**
 * Allows {@code perSecond} on average with bursts up to {@code burst}. Not thread-safe: each bucket
 * belongs to one connection's decoder thread.
 */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(double perSecond, double burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
