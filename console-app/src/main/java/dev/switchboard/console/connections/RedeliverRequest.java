package dev.switchboard.console.connections;

/** Offsets {@code from..to} of {@code room} to send to a connection again. Immutable. */
public record RedeliverRequest(String room, long from, long to) {

    /** What the gateway accepts: 1 ≤ from ≤ to, at most 10,000 offsets. */
    public boolean valid() {
        return room != null && !room.isBlank() && from >= 1 && to >= from && to - from < 10_000;
    }
}
