package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.protocol.ClientFrame;
import dev.switchboard.model.protocol.ServerFrame;
import dev.switchboard.model.reconcile.ReorderBuffer;
import dev.switchboard.model.reconcile.ResourceVersions;
import dev.switchboard.model.reconcile.RoomCursor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room as the client holds it, and the rules that keep it equal to the server's: events applied
 * once and in offset order (a reorder buffer over the cursor), never an older version over a newer
 * one, held back while a join answer or a recovery is awaited; a gap that the reorder buffer does not
 * fill within {@link #GAP_WAIT_MILLIS} (or that overflows it) is recovered over HTTP. It also keeps the
 * app's {@link PendingChange}s of the room and resolves them against what it applies.
 *
 * <p>Threads: owned by the client's serial executor, like every field here; timers and HTTP answers
 * reach it through that executor. Once {@link #detach() detached} (left, lost) it ignores late answers.
 */
final class RoomSync {
    /** An event as received, over the socket or in a recovery page. */
    record Incoming(String epoch, long offset, Event event) {
    }

    /** What a room needs of its client. */
    record Context(boolean reconcile, ClientTally tally, Listeners listeners, ClientTimers timers,
                   HttpRecovery recovery, Runnable changed) {
    }

    static final int REORDER_CAPACITY = 256;
    static final long GAP_WAIT_MILLIS = 300;

    final String room;
    private final Context ctx;
    private final RoomCursor cursor = new RoomCursor(null, 0);
    private final ResourceVersions versions = new ResourceVersions();
    private final Map<String, ResourceState> resources = new LinkedHashMap<>();
    /** The id of the event that set each resource's version (unknown after a snapshot). */
    private final Map<String, String> lastEventIds = new HashMap<>();
    private final List<PendingChange> pending = new ArrayList<>();
    private ReorderBuffer<Incoming> reorder = new ReorderBuffer<>(cursor, REORDER_CAPACITY);
    /** Frames received while a join answer or a recovery is awaited. */
    private final List<Incoming> heldDuringSync = new ArrayList<>();
    private boolean syncing;
    private boolean everSynced;
    private boolean attached = true;
    private long lastAcked;
    private long gapTimerGeneration;

    RoomSync(String room, Context ctx) {
        this.room = room;
        this.ctx = ctx;
    }

    // ---- joining ------------------------------------------------------------------------------

    /** The join to send now; events that arrive before its answer are held, the answer says how to treat them. */
    ClientFrame.Join joinFrame(String ref) {
        syncing = true;
        ClientFrame.After after = cursor.epoch() != null && everSynced
                ? new ClientFrame.After(cursor.epoch(), cursor.offset()) : null;
        return new ClientFrame.Join(TextNode.valueOf(ref), room, after);
    }

    void joined(ServerFrame.Joined answer) {
        if (answer.snapshotRequired() || !everSynced) {
            snapshot();
        } else if (answer.recovered()) {
            ctx.tally().replayed.addAndGet(answer.replayed());
            syncDone("replay");
        } else {
            resetTo(answer.epoch(), answer.offset());
            syncing = false;
            drainHeld();
        }
    }

    /** No longer held: later answers and timers of this room are ignored, its pending changes rolled back. */
    void detach() {
        attached = false;
        for (PendingChange p : List.copyOf(pending)) {
            resolve(p, PendingChange.Outcome.ROLLED_BACK);
        }
    }

    boolean attached() {
        return attached;
    }

    // ---- live events --------------------------------------------------------------------------

    void received(ServerFrame.EventFrame f) {
        Incoming in = new Incoming(f.epoch(), f.offset(), f.event());
        if (syncing) {
            heldDuringSync.add(in);
            return;
        }
        offer(in);
    }

    private void offer(Incoming in) {
        if (!ctx.reconcile()) {
            cursor.reset(in.epoch(), in.offset());
            apply(in, ResourceVersions.Verdict.APPLY);
            return;
        }
        List<Incoming> ready;
        try {
            long before = reorder.duplicatesDropped();
            ready = reorder.offer(in.epoch(), in.offset(), in);
            if (reorder.duplicatesDropped() > before) {
                ctx.tally().duplicates.incrementAndGet();
                ctx.listeners().eventIgnored(room, in.offset(), in.event(), "duplicate");
            }
        } catch (IllegalStateException epochChanged) {
            snapshot();
            return;
        }
        ready.forEach(this::applyChecked);
        if (reorder.overflowed()) {
            ctx.tally().gaps.incrementAndGet();
            replay("http");
        } else if (reorder.waiting() > 0) {
            long gen = ++gapTimerGeneration;
            ctx.timers().after(GAP_WAIT_MILLIS, () -> {
                if (gapTimerGeneration == gen && reorder.waiting() > 0 && !syncing && attached) {
                    ctx.tally().gaps.incrementAndGet();
                    replay("http");
                    ctx.changed().run();
                }
            });
        }
    }

    private void applyChecked(Incoming in) {
        Event e = in.event();
        apply(in, versions.observe(e.resourceId(), e.version()));
    }

    private void apply(Incoming in, ResourceVersions.Verdict verdict) {
        Event e = in.event();
        if (verdict == ResourceVersions.Verdict.DUPLICATE || verdict == ResourceVersions.Verdict.STALE) {
            boolean stale = verdict == ResourceVersions.Verdict.STALE;
            (stale ? ctx.tally().stale : ctx.tally().duplicates).incrementAndGet();
            ctx.listeners().eventIgnored(room, in.offset(), e, stale ? "stale" : "duplicate");
            return;
        }
        resources.put(e.resourceId(), new ResourceState(e.resourceId(), e.version(), e.payload()));
        lastEventIds.put(e.resourceId(), e.id());
        ctx.tally().applied.incrementAndGet();
        ctx.listeners().eventApplied(room, in.offset(), e);
        resolvePending(e.resourceId(), e.version(), e.id());
    }

    private void drainHeld() {
        List<Incoming> held = new ArrayList<>(heldDuringSync);
        heldDuringSync.clear();
        held.forEach(this::offer);
    }

    // ---- recovery over HTTP (the pages are read by HttpRecovery, which calls back here) ---------

    void snapshot() {
        syncing = true;
        ctx.recovery().snapshot(this);
    }

    private void replay(String how) {
        syncing = true;
        ctx.recovery().replay(this, how);
    }

    RoomCursor cursor() {
        return cursor;
    }

    /** Replaces everything with a snapshot taken at {@code offset}. */
    void loadSnapshot(String epoch, long offset, Iterable<JsonNode> resourcesJson) {
        resources.clear();
        versions.clear();
        lastEventIds.clear();
        for (JsonNode r : resourcesJson) {
            String id = r.path("resourceId").asText();
            long version = r.path("version").asLong();
            versions.reset(id, version);
            resources.put(id, new ResourceState(id, version, r.path("state")));
        }
        resetTo(epoch, offset);
        for (JsonNode r : resourcesJson) {
            resolvePending(r.path("resourceId").asText(), r.path("version").asLong(), null);
        }
    }

    /** An event of a recovery page: applied in order, with version checks. */
    void recovered(Incoming in) {
        try {
            reorder.offer(in.epoch(), in.offset(), in).forEach(this::applyChecked);
        } catch (IllegalStateException epochChanged) {
            snapshot();
        }
    }

    /** The recovery is complete: live events held meanwhile are applied, listeners hear {@code how}. */
    void syncDone(String how) {
        syncing = false;
        drainHeld();
        ctx.listeners().roomRecovered(room, how, cursor.offset());
    }

    private void resetTo(String epoch, long offset) {
        cursor.reset(epoch, offset);
        reorder = new ReorderBuffer<>(cursor, REORDER_CAPACITY);
        everSynced = true;
    }

    // ---- acks ---------------------------------------------------------------------------------

    /** The cumulative ack due now, or null when the server already has the latest. */
    ClientFrame.Ack ackDue() {
        if (cursor.epoch() == null || syncing || cursor.offset() <= lastAcked) {
            return null;
        }
        return new ClientFrame.Ack(room, cursor.offset());
    }

    void acked(long offset) {
        lastAcked = offset;
    }

    // ---- optimistic changes -------------------------------------------------------------------

    void addPending(PendingChange change) {
        pending.add(change);
        String id = change.resourceId();
        if (resources.containsKey(id)) {
            resolve(change, change.judge(versions.versionOf(id), lastEventIds.get(id)));
        }
    }

    void rollBack(PendingChange change) {
        if (pending.contains(change)) {
            resolve(change, PendingChange.Outcome.ROLLED_BACK);
        }
    }

    private void resolvePending(String resourceId, long version, String eventId) {
        for (PendingChange p : List.copyOf(pending)) {
            if (p.resourceId().equals(resourceId)) {
                resolve(p, p.judge(version, eventId));
            }
        }
    }

    private void resolve(PendingChange change, PendingChange.Outcome how) {
        if (how == PendingChange.Outcome.PENDING || change.resolved()) {
            return;
        }
        pending.remove(change);
        change.resolve(how);
        ctx.tally().resolved(how);
        ctx.listeners().pendingResolved(change);
    }

    List<PendingChange> pending() {
        return pending;
    }

    /** The room as the app sees it: the authoritative state, with the latest pending value of each resource over it. */
    RoomView view() {
        Map<String, ResourceState> shown = new LinkedHashMap<>(resources);
        for (PendingChange p : pending) {
            shown.put(p.resourceId(), new ResourceState(p.resourceId(), p.expectedVersion(), p.localValue()));
        }
        return new RoomView(room, cursor.epoch(), cursor.offset(), Map.copyOf(shown), syncing);
    }
}
