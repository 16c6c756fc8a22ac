package dev.switchboard.simulator.run;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A device's token supplier (the SDK asks it before every connection and HTTP call). Tokens last an
 * hour, except around the scenario's {@code token-expiry} steps: a token minted before such a step
 * expires at the step's second (so the gateway closes the connection with 4001 then), and while the
 * step lasts tokens live {@code ttlSeconds} only. Times are relative to the load's start, which is
 * fixed before the devices connect.
 */
final class TokenPlan implements Supplier<String> {
    /** A token-expiry step: from {@code startMillis} to {@code endMillis} after the start, tokens of {@code ttlSeconds}. */
    record Window(long startMillis, long endMillis, int ttlSeconds) {
    }

    private static final long HOUR_MILLIS = 3_600_000;
    /** A token closer than this to its planned expiry is not worth a connection: mint a short one instead. */
    private static final long MIN_TTL_MILLIS = 1_000;

    private final TokenIssuer issuer;
    private final String user;
    private final Role role;
    private final String device;
    private final List<Window> windows;
    private volatile long t0Millis;
    private final AtomicInteger minted = new AtomicInteger();

    TokenPlan(TokenIssuer issuer, String user, Role role, String device, List<Window> windows, long t0Millis) {
        this.issuer = issuer;
        this.user = user;
        this.role = role;
        this.device = device;
        this.windows = List.copyOf(windows);
        this.t0Millis = t0Millis;
    }

    /** The load's start, once known for certain. */
    void startedAt(long millis) {
        t0Millis = millis;
    }

    @Override
    public String get() {
        minted.incrementAndGet();
        return issuer.issue(user, role, device, Duration.ofMillis(ttlMillis(System.currentTimeMillis())));
    }

    long ttlMillis(long now) {
        long ttl = HOUR_MILLIS;
        for (Window w : windows) {
            long start = t0Millis + w.startMillis();
            long end = t0Millis + w.endMillis();
            long shortTtl = w.ttlSeconds() * 1000L;
            if (now >= start - MIN_TTL_MILLIS && now < Math.max(end, start)) {
                ttl = Math.min(ttl, shortTtl);
            } else if (now < start) {
                ttl = Math.min(ttl, start - now);
            }
        }
        return ttl;
    }

    int minted() {
        return minted.get();
    }
}
