package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * A delivery fault injected by QA on one connection (docs/admin-api.md, "faults"). It acts on live
 * events only, between the fanout and the socket, so the client sees exactly what a bad network or a
 * backgrounded app would show it. Its mutable state is guarded by the session's monitor.
 */
final class Fault {
    enum Kind {
        /** The next {@code count} live events are not sent (a gap the client must detect). */
        DROP,
        /** Every live event is sent {@code delayMs} late, in order. */
        DELAY,
        /** Every live event is sent twice. */
        DUPLICATE,
        /** Live events are sent in reverse order within windows of {@code window}. */
        REORDER,
        /** Nothing is sent until the fault ends, then everything held, in order (a backgrounded app). */
        PAUSE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final String id;
    final Kind kind;
    final int count;
    final long delayMs;
    final int window;
    final long expiresAtMillis;
    final String createdBy;
    final String target;

    // Guarded by the session's monitor.
    int remaining;
    final List<Subscription.Held> held = new ArrayList<>();

    Fault(String id, Kind kind, int count, long delayMs, int window, long expiresAtMillis, String createdBy, String target) {
        this.id = id;
        this.kind = kind;
        this.count = count;
        this.delayMs = delayMs;
        this.window = window;
        this.expiresAtMillis = expiresAtMillis;
        this.createdBy = createdBy;
        this.target = target;
        this.remaining = count;
    }

    /** A copy for another connection of the same user (each connection has its own counters). */
    Fault copy() {
        return new Fault(id, kind, count, delayMs, window, expiresAtMillis, createdBy, target);
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("faultId", id);
        n.put("kind", kind.wire());
        n.put("target", target);
        if (kind == Kind.DROP) {
            n.put("count", count);
        }
        if (kind == Kind.DELAY) {
            n.put("delayMs", delayMs);
        }
        if (kind == Kind.REORDER) {
            n.put("window", window);
        }
        n.put("expiresAt", dev.switchboard.model.event.Timestamps.format(java.time.Instant.ofEpochMilli(expiresAtMillis)));
        n.put("createdBy", createdBy);
        return n;
    }
}
