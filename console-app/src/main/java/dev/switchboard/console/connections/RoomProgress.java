package dev.switchboard.console.connections;

/**
 * How far one connection is in one room, as the console shows it: what the gateway sent
 * ({@code deliveredTo}), what the device confirmed ({@code ackedTo}, -1 when unknown), the room's
 * head, and {@code lag}: how many of the room's events the device has not confirmed (or, before it
 * ever acked and when the console did not see it join, not been sent). {@code lagging} says the
 * device is still missing events the room had a refresh ago — a stuck or paused device, not one that
 * is merely between two acks. Immutable.
 */
public record RoomProgress(String room, long deliveredTo, long ackedTo, long head, long lag, boolean lagging,
                           String presence) {

    /** Events of the room not sent to the connection yet (the gateway's own lag). */
    public long unsent() {
        return Math.max(0, head - deliveredTo);
    }

    /** Which of two rooms to show in a connection's row: the one further behind, then the busier. */
    public static RoomProgress worse(RoomProgress a, RoomProgress b) {
        if (a == null) {
            return b;
        }
        if (a.lagging != b.lagging) {
            return a.lagging ? a : b;
        }
        if (a.lag != b.lag) {
            return a.lag > b.lag ? a : b;
        }
        return b.head > a.head ? b : a;
    }
}
