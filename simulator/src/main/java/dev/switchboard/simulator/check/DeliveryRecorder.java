package dev.switchboard.simulator.check;

import dev.switchboard.client.SwitchboardListener;
import dev.switchboard.model.event.Event;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches one device's SDK client apply events and checks, as they happen, that per room the
 * applied offsets strictly increase (nothing twice, nothing out of order) and per room and resource
 * the applied versions strictly increase (never an older version over a newer one). For the rooms in
 * {@code watched} (rooms the scenario revokes) it also keeps every application with its time, for
 * {@link RevokeCheck} once the run is over.
 *
 * <p>A snapshot is not an application: it moves the room's offset floor (an event at or below the
 * snapshot's offset applied later is a repeat), but its versions are not seen here, so a stale
 * version applied right after a snapshot is only caught by the convergence check.
 *
 * <p>Threads: the SDK calls the listener methods on the client's own serial executor, one at a time;
 * the simulation reads {@link #applied} afterwards. Both go through this object's lock.
 */
public final class DeliveryRecorder implements SwitchboardListener {
    /** One application of an event, for the revoke check. */
    public record Applied(String room, long offset, String eventId, String resourceId, long version, long atNanos) {
    }

    private static final class RoomLedger {
        long lastOffset;
        final BitSet seen = new BitSet();
        final Map<String, Long> versions = new HashMap<>();
    }

    private final String device;
    private final Set<String> watched;
    private final Failures failures;
    private final Consumer<String> roomLost;
    private final Map<String, RoomLedger> rooms = new HashMap<>();
    private final List<Applied> applied = new ArrayList<>();
    private long appliedCount;

    /**
     * @param device   the device's name in reports ({@code user/name})
     * @param watched  rooms whose applications are kept with their time
     * @param roomLost told (on the client's thread) when the client lost a room (revoked or forbidden)
     */
    public DeliveryRecorder(String device, Set<String> watched, Failures failures, Consumer<String> roomLost) {
        this.device = device;
        this.watched = Set.copyOf(watched);
        this.failures = failures;
        this.roomLost = roomLost;
    }

    @Override
    public void eventApplied(String room, long offset, Event event) {
        record(room, offset, event.id(), event.resourceId(), event.version(), System.nanoTime());
    }

    /** As {@link #eventApplied}, with the time given: also for replaying a recorded stream. */
    public synchronized void record(String room, long offset, String eventId, String resourceId, long version, long atNanos) {
        appliedCount++;
        RoomLedger r = rooms.computeIfAbsent(room, k -> new RoomLedger());
        boolean repeated = false;
        if (offset <= r.lastOffset) {
            repeated = true;
            boolean twice = offset >= 0 && offset < Integer.MAX_VALUE && r.seen.get((int) offset);
            failures.add(new Failure(Assertion.APPLIED_ONCE, device, room, eventId, offset, twice
                    ? "applied a second time (last applied offset " + r.lastOffset + ")"
                    : "applied after offset " + r.lastOffset + " (out of order, or already covered by a snapshot)"));
        } else {
            r.lastOffset = offset;
        }
        if (offset >= 0 && offset < Integer.MAX_VALUE) {
            r.seen.set((int) offset);
        }
        Long before = r.versions.get(resourceId);
        if (before != null && version <= before && !repeated) {
            failures.add(new Failure(Assertion.NO_STALE_VERSION, device, room, eventId, offset,
                    "resource " + resourceId + " version " + version + " applied over version " + before));
        } else if (before != null && version < before) {
            failures.add(new Failure(Assertion.NO_STALE_VERSION, device, room, eventId, offset,
                    "resource " + resourceId + " version " + version + " applied over version " + before));
        }
        if (before == null || version > before) {
            r.versions.put(resourceId, version);
        }
        if (watched.contains(room)) {
            applied.add(new Applied(room, offset, eventId, resourceId, version, atNanos));
        }
    }

    @Override
    public synchronized void roomRecovered(String room, String how, long offset) {
        if (how.equals("snapshot")) {
            RoomLedger r = rooms.computeIfAbsent(room, k -> new RoomLedger());
            r.lastOffset = Math.max(r.lastOffset, offset);
        }
    }

    @Override
    public void roomLost(String room, String reason) {
        roomLost.accept(room);
    }

    public String device() {
        return device;
    }

    public synchronized List<Applied> applied() {
        return List.copyOf(applied);
    }

    public synchronized long appliedCount() {
        return appliedCount;
    }
}
