package dev.switchboard.faults;

import java.util.List;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.event.Timestamps;

import java.time.Instant;
import java.util.Locale;

/**
 * A delivery fault injected by QA (docs/admin-api.md, "faults"): what it does, on whom, until when.
 * It acts on live events only, between the fanout and the socket ({@link FaultyDelivery}), so the
 * client sees exactly what a bad network or a backgrounded app would show it. Immutable; each
 * connection it applies to gets its own {@link FaultyDelivery} with its own counters.
 */
record Fault(String id, Kind kind, int count, long delayMs, int window, long expiresAtMillis, String createdBy,
             String target) {
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
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The fault as the admin API shows it ({@code count}, {@code delayMs} and {@code window} only for the
     * kinds that take them); {@code connections} lists the connections it acts on, or is null.
     */
    FaultInfo info(List<String> connections) {
        return new FaultInfo(id, kind.wire(), target, kind == Kind.DROP ? count : null,
                kind == Kind.DELAY ? delayMs : null, kind == Kind.REORDER ? window : null,
                Timestamps.format(Instant.ofEpochMilli(expiresAtMillis)), createdBy, connections);
    }
}
