package dev.switchboard.console.connections;

import dev.switchboard.console.shell.ConsoleContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;

/**
 * Turns the gateway's per-room figures of a connection into a {@link RoomProgress}: the figures as
 * the gateway defines them ({@code unsent}, {@code unacked}) and whether the device is lagging.
 *
 * <p>A healthy device in a busy room is always a few events behind between two acks, so "lagging"
 * means more than a figure above 0: the device has not confirmed ({@code deliveredTo - unacked}) what
 * the room's head was at a look at least {@link #GRACE_MILLIS} ago. A paused connection (its events
 * unsent) and a frozen app (its events unacked) both stop confirming.
 *
 * <p>The Connections and Rooms pages of one console share a judge ({@link #of}), so that a device
 * is flagged alike on both. Memberships not looked at for {@value #FORGET_MILLIS} ms are forgotten
 * (a close the pages missed).
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

    public RoomProgress judge(String connectionId, RoomState s) {
        Track t = track(connectionId, s.room());
        long head = s.head();
        long confirmed = s.deliveredTo() - s.unacked();
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
        return new RoomProgress(s.room(), s.deliveredTo(), s.ackedTo(), head, s.unsent(), s.unacked(), lagging,
                s.presence());
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

    /** When one membership was last used, and its recent looks ({time, head}), oldest first. */
    private static final class Track {
        long touched;
        final Deque<long[]> looks = new ArrayDeque<>(4);
    }
}
