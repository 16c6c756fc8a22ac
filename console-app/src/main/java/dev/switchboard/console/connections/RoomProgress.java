package dev.switchboard.console.connections;

/**
 * How far one connection is in one room, as the console shows it: what the gateway sent
 * ({@code deliveredTo}), what the device confirmed ({@code ackedTo}), the room's head, and the
 * gateway's two figures under their API names: {@code unsent} (head − deliveredTo) and
 * {@code unacked} (deliveredTo − ackedTo; docs/admin-api.md, "Progress figures"). {@code lagging}
 * says the device is still missing events the room had a refresh ago — a stuck or paused device, not
 * one that is merely between two acks. Immutable.
 */
public record RoomProgress(String room, long deliveredTo, long ackedTo, long head, long unsent, long unacked,
                           boolean lagging, String presence) {

    /** Whether the device has anything of the room still to get or to confirm. */
    public boolean behind() {
        return unsent > 0 || unacked > 0;
    }

    /** Which of two rooms to show in a connection's row: the lagging one, then the one further behind, then the busier. */
    public static RoomProgress worse(RoomProgress a, RoomProgress b) {
        if (a == null) {
            return b;
        }
        if (a.lagging != b.lagging) {
            return a.lagging ? a : b;
        }
        // Events the device has not confirmed, whether or not the gateway wrote them yet.
        long aOwed = a.unsent + a.unacked;
        long bOwed = b.unsent + b.unacked;
        if (aOwed != bOwed) {
            return aOwed > bOwed ? a : b;
        }
        return b.head > a.head ? b : a;
    }
}
