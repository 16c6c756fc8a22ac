package dev.switchboard.model.admin;

/**
 * The one definition of the progress figures the admin API and the console show for a connection in
 * a room (docs/admin-api.md, "Progress figures"). Both sides compute them here, so a number means the
 * same wherever it appears.
 */
public final class Figures {
    private Figures() {
    }

    /** Events of the room the gateway has not written to the connection yet: {@code head - deliveredTo}. */
    public static long unsent(long head, long deliveredTo) {
        return Math.max(0, head - deliveredTo);
    }

    /**
     * Events written to the connection that the device has not acknowledged: {@code deliveredTo - ackedTo}.
     * A device that stops acking grows this while {@link #unsent} stays 0. The gateway passes where a
     * membership started as {@code ackedTo} until the device acks past it: earlier events were never
     * sent on it, so no ack is owed for them.
     */
    public static long unacked(long deliveredTo, long ackedTo) {
        return Math.max(0, deliveredTo - Math.max(0, ackedTo));
    }
}
