package dev.switchboard.simulator.check;

import java.util.ArrayList;
import java.util.List;

/**
 * After the run: did a device apply, while its user was revoked from a room, an event of that room
 * committed after the revoke? Works on recorded applications, so it can be tested on a made-up stream.
 */
public final class RevokeCheck {
    private RevokeCheck() {
    }

    public static List<Failure> check(String device, String userId, List<DeliveryRecorder.Applied> applied,
                                      List<RevokeWindow> windows) {
        List<Failure> failures = new ArrayList<>();
        for (RevokeWindow w : windows) {
            if (!w.userId().equals(userId)) {
                continue;
            }
            for (DeliveryRecorder.Applied a : applied) {
                if (a.room().equals(w.room()) && w.covers(a.atNanos()) && a.offset() > w.headAfterRevoke()) {
                    failures.add(new Failure(Assertion.NOTHING_AFTER_REVOKE, device, a.room(), a.eventId(), a.offset(),
                            String.format("applied %.3f s after the revoke of %s (room head was %d at the revoke)",
                                    (a.atNanos() - w.revokedAtNanos()) / 1e9, userId, w.headAfterRevoke())));
                }
            }
        }
        return failures;
    }
}
