package dev.switchboard.console.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One device of one entitled user in one room of a traced event: a row of the verdict table.
 * {@code deviceId} is null when the user had no connection within trace retention ({@code detail}
 * then says so); {@code userMissed} is the user's {@code missed} flag (no device of theirs has it).
 * {@code reason} says why a missed device does not have it (null otherwise or when the gateway does not
 * say); {@code recoveredAt} and {@code ackedAt} are when it got it back and when its ack covered it.
 * Immutable.
 */
public record VerdictRow(String room, long offset, String userId, boolean userMissed, String deviceId, String fate,
                         String via, Instant at, String connectionId, String node, String dropReason,
                         boolean injected, Instant dropAt, String detail, List<Observation> observations,
                         VerdictReason reason, Instant recoveredAt, Instant ackedAt) {
    public VerdictRow {
        observations = List.copyOf(observations);
    }

    public FateMark mark() {
        return FateMark.of(fate, via, dropReason, injected);
    }

    /**
     * Why it was missed and the path it took, for the row and the copied text, times written by
     * {@code time}: {@code offline since 08:35:21.004, last closed with 1000} or
     * {@code got it by replay at 10:14:31.902; acked at 10:14:32.410}; empty when there is nothing to say.
     */
    public String why(Function<Instant, String> time) {
        List<String> parts = new ArrayList<>();
        if (reason != null && !(detail != null && "no_connection".equals(reason.code()))) { // the detail says it already
            parts.add(reason.text(time));
        }
        if (recoveredAt != null) {
            parts.add("got it by " + (via == null ? "recovery" : via) + " at " + time.apply(recoveredAt));
        }
        if (ackedAt != null) {
            parts.add("acked at " + time.apply(ackedAt));
        }
        return String.join("; ", parts);
    }

    /** Worst first, the order support reads a trace in: missed, dropped, pending, recovered, delivered, acked. */
    public int severity() {
        switch (fate == null ? "" : fate) {
            case "missed":
                return 0;
            case "dropped":
                return 1;
            case "pending":
                return 2;
            case "recovered":
                return 3;
            case "delivered":
                return 4;
            case "acked":
                return 5;
            default:
                return 0; // an unknown fate is worth a look
        }
    }

    /** The device, or {@code (no device)} for a user seen on no connection. */
    public String deviceLabel() {
        return deviceId == null ? "(no device)" : deviceId;
    }
}
