package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.reconcile.ReorderBuffer;
import dev.switchboard.model.reconcile.ResourceVersions;
import dev.switchboard.model.reconcile.RoomCursor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room as the client holds it, and the rules that keep it equal to the server's: events applied
 * once and in offset order (reorder buffer over a cursor), never an older version over a newer one,
 * held back while a recovery is in flight. Owned by the client's thread.
 */
final class RoomSync {
    /** An event frame as received. */
    record Incoming(String epoch, long offset, Event event) {
    }

    static final int REORDER_CAPACITY = 256;

    final String room;
    final RoomCursor cursor = new RoomCursor(null, 0);
    final ResourceVersions versions = new ResourceVersions();
    final Map<String, ResourceState> resources = new LinkedHashMap<>();
    ReorderBuffer<Incoming> reorder = new ReorderBuffer<>(cursor, REORDER_CAPACITY);
    /** Frames received while a snapshot or HTTP recovery is in flight. */
    final List<Incoming> heldDuringSync = new ArrayList<>();
    boolean syncing;
    boolean everSynced;
    long lastAcked;
    long gapTimerGeneration;

    RoomSync(String room) {
        this.room = room;
    }

    boolean hasCursor() {
        return cursor.epoch() != null;
    }

    /** Replaces everything with a snapshot taken at {@code offset}. */
    void loadSnapshot(String epoch, long offset, JsonNode resourcesJson) {
        resources.clear();
        versions.clear();
        for (JsonNode r : resourcesJson) {
            String id = r.path("resourceId").asText();
            long version = r.path("version").asLong();
            versions.reset(id, version);
            resources.put(id, new ResourceState(id, version, r.path("state")));
        }
        cursor.reset(epoch, offset);
        reorder = new ReorderBuffer<>(cursor, REORDER_CAPACITY);
        everSynced = true;
    }

    /** Continues from a position (after a join answer without snapshot). */
    void resetTo(String epoch, long offset) {
        cursor.reset(epoch, offset);
        reorder = new ReorderBuffer<>(cursor, REORDER_CAPACITY);
        everSynced = true;
    }

    RoomView view() {
        return new RoomView(room, cursor.epoch(), cursor.offset(), Map.copyOf(resources), syncing);
    }
}
