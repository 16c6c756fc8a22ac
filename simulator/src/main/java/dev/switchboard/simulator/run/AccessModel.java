package dev.switchboard.simulator.run;

import dev.switchboard.simulator.check.RevokeWindow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulation's own record of the ACL: who is granted which room now, and every window in which
 * a user was revoked (for {@link dev.switchboard.simulator.check.RevokeCheck}). A revoke is marked
 * before it is sent (so a device that loses the room does not join it again) and its window opens
 * when the gateway confirmed it; a grant closes the window just before it is sent.
 *
 * <p>Threads: the timeline's threads write, the devices' threads read; every method holds the lock.
 */
final class AccessModel {
    private final Set<String> granted = new HashSet<>();
    private final List<RevokeWindow> windows = new ArrayList<>();

    private static String key(String user, String room) {
        return user + "\n" + room;
    }

    synchronized void granted(String user, String room) {
        granted.add(key(user, room));
    }

    synchronized void revoking(String user, String room) {
        granted.remove(key(user, room));
    }

    synchronized void revoked(String user, String room, long atNanos, long headAfter) {
        windows.add(new RevokeWindow(user, room, atNanos, headAfter, Long.MAX_VALUE));
    }

    /** Marks the grant and closes the user's open revoke window on the room. */
    synchronized void regranting(String user, String room, long atNanos) {
        granted.add(key(user, room));
        for (int i = 0; i < windows.size(); i++) {
            RevokeWindow w = windows.get(i);
            if (w.userId().equals(user) && w.room().equals(room) && w.regrantedAtNanos() == Long.MAX_VALUE) {
                windows.set(i, w.endedAt(atNanos));
            }
        }
    }

    synchronized boolean isGranted(String user, String room) {
        return granted.contains(key(user, room));
    }

    synchronized List<RevokeWindow> windows() {
        return List.copyOf(windows);
    }
}
