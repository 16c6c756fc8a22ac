package dev.switchboard.gateway;

/**
 * {@code ws.messages-per-second} for one connection: every frame it sends counts, data and pings alike
 * (a ping costs a pong). Within the rate (bursts of twice it) a frame is served; over it the frame is
 * dropped; more drops within a second than the rate itself is a flood, and the connection is closed
 * with 4008. Not thread-safe: it belongs to the connection's decoder thread.
 */
final class MessageRate {
    enum Verdict { WITHIN, DROP, FLOOD }

    private final TokenBucket budget;
    private final WindowCounter refusals;

    MessageRate(int perSecond) {
        this.budget = new TokenBucket(perSecond, 2.0 * perSecond);
        this.refusals = new WindowCounter(perSecond, 1_000_000_000L);
    }

    /** Counts one incoming frame. */
    Verdict take() {
        if (budget.tryTake()) {
            return Verdict.WITHIN;
        }
        return refusals.recordAndExceeded() ? Verdict.FLOOD : Verdict.DROP;
    }
}
