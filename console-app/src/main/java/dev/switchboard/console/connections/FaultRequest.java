package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

/**
 * A fault to inject: on one connection, or on every connection of its user ({@code wholeUser}),
 * with only the parameters its kind uses. Immutable; {@link #toJson} is the body of POST /admin/faults.
 */
public record FaultRequest(FaultKind kind, String connectionId, String userId, boolean wholeUser, int count,
                           long delayMs, int window, long durationMs) {

    public ObjectNode toJson() {
        ObjectNode body = Json.object();
        if (wholeUser) {
            body.put("userId", userId);
        } else {
            body.put("connectionId", connectionId);
        }
        body.put("kind", kind.wire());
        if (kind.needsCount()) {
            body.put("count", count);
        }
        if (kind.needsDelay()) {
            body.put("delayMs", delayMs);
        }
        if (kind.needsWindow()) {
            body.put("window", window);
        }
        if (kind.lasts()) {
            body.put("durationMs", durationMs);
        }
        return body;
    }

    /** {@code pause on alice's connections} */
    public String describe() {
        return kind.wire() + " on " + (wholeUser ? "every connection of " + userId : "connection " + connectionId);
    }
}
