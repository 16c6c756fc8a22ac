package dev.switchboard.simulator.check;

/**
 * A user's access to a room withdrawn: from {@code revokedAtNanos} (the revoke's 204) until
 * {@code regrantedAtNanos} (just before the grant that ended it was sent; {@code Long.MAX_VALUE} while
 * none did). {@code headAfterRevoke} is the room's head read after the 204: every event above it was
 * committed after the revoke took effect, so no device of the user may apply it in the window.
 * (Events committed around the revoke may still be in flight to the device, and are allowed.)
 */
public record RevokeWindow(String userId, String room, long revokedAtNanos, long headAfterRevoke, long regrantedAtNanos) {

    public RevokeWindow endedAt(long nanos) {
        return new RevokeWindow(userId, room, revokedAtNanos, headAfterRevoke, nanos);
    }

    public boolean covers(long atNanos) {
        return atNanos > revokedAtNanos && atNanos < regrantedAtNanos;
    }
}
