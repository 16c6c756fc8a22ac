package dev.switchboard.console.connections;

import dev.switchboard.model.admin.FaultRequest;

/**
 * A fault to inject: on one connection, or on every connection of its user ({@code wholeUser}),
 * with only the parameters its kind uses. Immutable; {@link #toRequest} is the body of POST /admin/faults.
 */
public record FaultDraft(FaultKind kind, String connectionId, String userId, boolean wholeUser, int count,
                         long delayMs, int window, long durationMs) {

    public FaultRequest toRequest() {
        FaultRequest request = wholeUser ? FaultRequest.onUser(userId, kind.wire())
                : FaultRequest.onConnection(connectionId, kind.wire());
        if (kind.needsCount()) {
            request = request.count(count);
        }
        if (kind.needsDelay()) {
            request = request.delayMs(delayMs);
        }
        if (kind.needsWindow()) {
            request = request.window(window);
        }
        if (kind.lasts()) {
            request = request.durationMs(durationMs);
        }
        return request;
    }

    /** {@code pause on alice's connections} */
    public String describe() {
        return kind.wire() + " on " + (wholeUser ? "every connection of " + userId : "connection " + connectionId);
    }
}
