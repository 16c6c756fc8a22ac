package dev.switchboard.console.trace;

import java.time.Instant;
import java.util.List;

/**
 * One device of one entitled user in one room of a traced event: a row of the verdict table.
 * {@code deviceId} is null when the user had no connection within trace retention ({@code detail}
 * then says so); {@code userMissed} is the user's {@code missed} flag (no device of theirs has it).
 * Immutable.
 */
public record VerdictRow(String room, long offset, String userId, boolean userMissed, String deviceId, String fate,
                         String via, Instant at, String connectionId, String node, String dropReason,
                         boolean injected, Instant dropAt, String detail, List<Observation> observations) {
    public VerdictRow {
        observations = List.copyOf(observations);
    }

    public FateMark mark() {
        return FateMark.of(fate, via, dropReason, injected);
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
