package dev.switchboard.console.connections;

import dev.switchboard.console.shell.ConsoleContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;

/**
 * Turns the gateway's per-room numbers of a connection into a {@link RoomProgress}: its lag and
 * whether it is lagging.
 *
 * <p>Lag counts the room's events the device has not acknowledged ({@code head - ackedTo}), because
 * the gateway's own {@code lag} ({@code head - deliveredTo}) stays 0 for a device whose events are
 * held back (an injected {@code pause}, a frozen app): only its acks stop. A fresh membership's
 * {@code ackedTo} is 0, so the head at which the console saw it join (minus what was replayed) is the
 * floor; for memberships that started before the console watched and never acked, only the gateway's
 * lag is known.
 *
 * <p>A healthy device in a busy room is always a few events behind between two acks, so "lagging"
 * means more than {@code lag > 0}: the device has not confirmed what the room's head was at a look at
 * least {@link #GRACE_MILLIS} ago.
 *
 * <p>The Connections and Rooms pages of one console share a judge ({@link #of}), so that a device
 * shows the same lag on both whichever page saw it join. Memberships not looked at for
 * {@value #FORGET_MILLIS} ms are forgotten (a close the pages missed).
 *
 * <p>Threads: owned by the UI thread (the view models apply all gateway data there).
 */
public final class LagJudge {
    public static final long GRACE_MILLIS = 1_500;
    static final long FORGET_MILLIS = 600_000;
    private static final Map<ConsoleContext, LagJudge> SHARED = new WeakHashMap<>();

    private final LongSupplier clock;
    private final Map<String, Map<String, Track>> tracks = new HashMap<>();
    private long lastPrune;

    public LagJudge(LongSupplier clock) {
        this.clock = clock;
    }

    public LagJudge() {
        this(System::currentTimeMillis);
    }

    /** The judge the pages of this console share. */
    public static LagJudge of(ConsoleContext ctx) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(ctx, c -> new LagJudge());
        }
    }

    /** The console saw the connection join the room at {@code head}, replaying {@code replayed} events. */
    public void joined(String connectionId, String room, long head, long replayed) {
        track(connectionId, room).floor = Math.max(0, head - replayed);
    }

    public RoomProgress judge(String connectionId, RoomState s) {
        Track t = track(connectionId, s.room());
        long head = s.head();
        long acked = s.ackedTo() > 0 ? Math.max(s.ackedTo(), t.floor) : t.floor;
        // Never acked and joined before the console looked: the acks say nothing yet.
        long confirmed = acked >= 0 ? acked : s.deliveredTo();
        long lag = Math.max(0, head - confirmed);
        long now = t.touched;
        t.looks.addLast(new long[] {now, head});
        long settledHead = -1;
        while (t.looks.size() > 1 && t.looks.peekFirst()[0] <= now - GRACE_MILLIS) {
            long[] first = t.looks.pollFirst();
            long[] second = t.looks.peekFirst();
            if (second[0] > now - GRACE_MILLIS) {
                t.looks.addFirst(first); // the newest look that is old enough stays as the reference
                settledHead = first[1];
                break;
            }
        }
        boolean lagging = settledHead >= 0 && confirmed < settledHead;
        return new RoomProgress(s.room(), s.deliveredTo(), acked >= 0 ? acked : -1, head, lag, lagging, s.presence());
    }

    /** The connection left the room: its history goes. */
    public void left(String connectionId, String room) {
        Map<String, Track> rooms = tracks.get(connectionId);
        if (rooms != null && rooms.remove(room) != null && rooms.isEmpty()) {
            tracks.remove(connectionId);
        }
    }

    /** The connection closed. */
    public void forget(String connectionId) {
        tracks.remove(connectionId);
    }

    private Track track(String connectionId, String room) {
        long now = clock.getAsLong();
        if (now - lastPrune > FORGET_MILLIS / 10) {
            lastPrune = now;
            tracks.values().removeIf(rooms -> {
                rooms.values().removeIf(t -> now - t.touched > FORGET_MILLIS);
                return rooms.isEmpty();
            });
        }
        Track t = tracks.computeIfAbsent(connectionId, c -> new HashMap<>()).computeIfAbsent(room, r -> new Track());
        t.touched = now;
        return t;
    }

    /** One membership's floor (-1: unknown), when it was last used, and its recent looks ({time, head}), oldest first. */
    private static final class Track {
        long floor = -1;
        long touched;
        final Deque<long[]> looks = new ArrayDeque<>(4);
    }
}
