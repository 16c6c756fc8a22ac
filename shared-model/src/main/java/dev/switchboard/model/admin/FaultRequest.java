package dev.switchboard.model.admin;

/**
 * The body of {@code POST /admin/faults}: a fault on one connection or on every connection of a user.
 * Parameters a kind does not take are null (and left out).
 */
public record FaultRequest(String connectionId, String userId, String kind, Integer count, Long delayMs,
                           Integer window, Long durationMs) {

    public static FaultRequest onConnection(String connectionId, String kind) {
        return new FaultRequest(connectionId, null, kind, null, null, null, null);
    }

    public static FaultRequest onUser(String userId, String kind) {
        return new FaultRequest(null, userId, kind, null, null, null, null);
    }

    public FaultRequest count(int n) {
        return new FaultRequest(connectionId, userId, kind, n, delayMs, window, durationMs);
    }

    public FaultRequest delayMs(long ms) {
        return new FaultRequest(connectionId, userId, kind, count, ms, window, durationMs);
    }

    public FaultRequest window(int n) {
        return new FaultRequest(connectionId, userId, kind, count, delayMs, n, durationMs);
    }

    public FaultRequest durationMs(long ms) {
        return new FaultRequest(connectionId, userId, kind, count, delayMs, window, ms);
    }
}
