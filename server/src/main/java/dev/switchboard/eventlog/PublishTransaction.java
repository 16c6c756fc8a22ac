package dev.switchboard.eventlog;

import dev.switchboard.model.event.Event;
import dev.switchboard.model.event.PublishRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One group commit: applies a batch of publishes inside one database transaction, in queue order.
 *
 * <p>Design. Every decision (idempotency, expectedVersion, the next version and offsets) is made
 * against the database as seen inside this transaction <em>plus</em> what earlier publishes of the same
 * batch already decided, kept in the maps below. Rows touched are locked ({@code FOR UPDATE}), the
 * global sequence through its counter row, so two writers (two nodes on one PostgreSQL) serialize
 * instead of handing out the same offset. All writes go out as JDBC batches at the end; a refused
 * publish (conflict) writes nothing and does not disturb the others. The caller commits, or rolls
 * back everything if anything throws.
 *
 * <p>Used once, by the writer thread.
 */
final class PublishTransaction {
    private final WriterStatements st;
    private final String logEpoch;
    private final LongSupplier clockMillis;

    private final Map<String, KnownId> ids = new HashMap<>();
    private final Map<String, ResourceState> resources = new LinkedHashMap<>();
    private final Map<String, RoomState> rooms = new LinkedHashMap<>();
    private final Map<String, RoomResource> roomResources = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private long seq;

    private record KnownId(String contentHash, StoredEvent event) {
    }

    private static final class ResourceState {
        final boolean exists;
        long version;
        long lastSeq;
        boolean dirty;

        ResourceState(boolean exists, long version) {
            this.exists = exists;
            this.version = version;
        }
    }

    private static final class RoomState {
        final boolean exists;
        final String epoch;
        long head;
        boolean dirty;

        RoomState(boolean exists, String epoch, long head) {
            this.exists = exists;
            this.epoch = epoch;
            this.head = head;
        }
    }

    private record RoomResource(String room, String resourceId, long version, long offset, long seq) {
    }

    private record Row(StoredEvent stored, String payloadJson, String contentHash) {
    }

    PublishTransaction(WriterStatements st, String logEpoch, LongSupplier clockMillis) {
        this.st = st;
        this.logEpoch = logEpoch;
        this.clockMillis = clockMillis;
    }

    /** Decides every publish of the batch and writes the accepted ones; the caller commits. */
    List<PublishOutcome> run(List<PendingPublish> batch) throws SQLException {
        seq = lockSeq();
        long startSeq = seq;
        List<PublishOutcome> outcomes = new ArrayList<>(batch.size());
        for (PendingPublish p : batch) {
            outcomes.add(decide(p));
        }
        if (!rows.isEmpty()) {
            write(startSeq);
        }
        return outcomes;
    }

    private PublishOutcome decide(PendingPublish p) throws SQLException {
        PublishRequest r = p.request();
        long now = clockMillis.getAsLong();
        String id = r.id();
        if (id != null) {
            KnownId known = knownId(id);
            if (known != null) {
                return known.contentHash.equals(p.contentHash())
                        ? new PublishOutcome.Duplicate(known.event)
                        : new PublishOutcome.IdConflict(id);
            }
        } else {
            id = EventIds.next(now);
        }
        ResourceState resource = resource(r.resourceId());
        if (r.expectedVersion() != null && r.expectedVersion() != resource.version) {
            return new PublishOutcome.VersionConflict(r.resourceId(), r.expectedVersion(), resource.version);
        }
        long eventSeq = ++seq;
        long version = resource.version + 1;
        resource.version = version;
        resource.lastSeq = eventSeq;
        resource.dirty = true;
        List<RoomPosition> positions = new ArrayList<>(r.rooms().size());
        for (String roomName : r.rooms()) {
            RoomState room = room(roomName);
            room.head++;
            room.dirty = true;
            positions.add(new RoomPosition(roomName, room.epoch, room.head));
            roomResources.put(roomName + '\n' + r.resourceId(),
                    new RoomResource(roomName, r.resourceId(), version, room.head, eventSeq));
        }
        Event event = new Event(id, r.type(), version, Instant.ofEpochMilli(now).truncatedTo(ChronoUnit.MILLIS),
                r.actorId(), r.resourceId(), r.payload(), eventSeq);
        StoredEvent stored = new StoredEvent(event, positions);
        rows.add(new Row(stored, p.payloadJson(), p.contentHash()));
        ids.put(id, new KnownId(p.contentHash(), stored));
        return new PublishOutcome.Created(stored);
    }

    private long lockSeq() throws SQLException {
        try (ResultSet rs = st.lockSeq.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("log_counters has no 'seq' row: the schema is damaged");
            }
            return rs.getLong(1);
        }
    }

    private KnownId knownId(String id) throws SQLException {
        KnownId inBatch = ids.get(id);
        if (inBatch != null) {
            return inBatch;
        }
        st.eventById.setString(1, id);
        try (ResultSet rs = st.eventById.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            StoredEvent stored = new StoredEvent(EventRows.event(rs, 1), EventRows.roomOffsets(rs, 1));
            return new KnownId(EventRows.contentHash(rs, 1), stored);
        }
    }

    private ResourceState resource(String resourceId) throws SQLException {
        ResourceState state = resources.get(resourceId);
        if (state == null) {
            st.resourceForUpdate.setString(1, resourceId);
            try (ResultSet rs = st.resourceForUpdate.executeQuery()) {
                state = rs.next() ? new ResourceState(true, rs.getLong(1)) : new ResourceState(false, 0);
            }
            resources.put(resourceId, state);
        }
        return state;
    }

    private RoomState room(String room) throws SQLException {
        RoomState state = rooms.get(room);
        if (state == null) {
            st.roomForUpdate.setString(1, room);
            try (ResultSet rs = st.roomForUpdate.executeQuery()) {
                state = rs.next() ? new RoomState(true, rs.getString(1), rs.getLong(2))
                        : new RoomState(false, logEpoch, 0);
            }
            rooms.put(room, state);
        }
        return state;
    }

    private void write(long startSeq) throws SQLException {
        for (Row row : rows) {
            Event e = row.stored.event();
            PreparedStatement ps = st.insertEvent;
            ps.setLong(1, e.seq());
            ps.setString(2, e.id());
            ps.setString(3, e.type());
            ps.setString(4, e.resourceId());
            ps.setLong(5, e.version());
            ps.setLong(6, e.occurredAt().toEpochMilli());
            ps.setString(7, e.actorId());
            ps.setString(8, row.payloadJson);
            ps.setString(9, row.contentHash);
            ps.setString(10, EventRows.roomOffsetsJson(row.stored.rooms()));
            ps.addBatch();
            for (RoomPosition pos : row.stored.rooms()) {
                st.insertRoomEvent.setString(1, pos.room());
                st.insertRoomEvent.setLong(2, pos.offset());
                st.insertRoomEvent.setLong(3, e.seq());
                st.insertRoomEvent.addBatch();
            }
        }
        st.insertEvent.executeBatch();
        st.insertRoomEvent.executeBatch();

        boolean inserts = false;
        boolean updates = false;
        for (Map.Entry<String, ResourceState> entry : resources.entrySet()) {
            ResourceState r = entry.getValue();
            if (!r.dirty) {
                continue;
            }
            if (r.exists) {
                st.updateResource.setLong(1, r.version);
                st.updateResource.setLong(2, r.lastSeq);
                st.updateResource.setString(3, entry.getKey());
                st.updateResource.addBatch();
                updates = true;
            } else {
                st.insertResource.setString(1, entry.getKey());
                st.insertResource.setLong(2, r.version);
                st.insertResource.setLong(3, r.lastSeq);
                st.insertResource.addBatch();
                inserts = true;
            }
        }
        execute(st.updateResource, updates);
        execute(st.insertResource, inserts);

        inserts = false;
        updates = false;
        long now = clockMillis.getAsLong();
        for (Map.Entry<String, RoomState> entry : rooms.entrySet()) {
            RoomState r = entry.getValue();
            if (!r.dirty) {
                continue;
            }
            if (r.exists) {
                st.updateRoomHead.setLong(1, r.head);
                st.updateRoomHead.setString(2, entry.getKey());
                st.updateRoomHead.addBatch();
                updates = true;
            } else {
                st.insertRoom.setString(1, entry.getKey());
                st.insertRoom.setString(2, r.epoch);
                st.insertRoom.setLong(3, r.head);
                st.insertRoom.setLong(4, now);
                st.insertRoom.addBatch();
                inserts = true;
            }
        }
        execute(st.updateRoomHead, updates);
        execute(st.insertRoom, inserts);

        writeRoomResources();

        if (seq != startSeq) {
            st.updateSeq.setLong(1, seq);
            st.updateSeq.executeUpdate();
        }
    }

    /** Update first; the pairs no row matched are new and get inserted. */
    private void writeRoomResources() throws SQLException {
        List<RoomResource> all = new ArrayList<>(roomResources.values());
        for (RoomResource rr : all) {
            st.updateRoomResource.setLong(1, rr.version);
            st.updateRoomResource.setLong(2, rr.offset);
            st.updateRoomResource.setLong(3, rr.seq);
            st.updateRoomResource.setString(4, rr.room);
            st.updateRoomResource.setString(5, rr.resourceId);
            st.updateRoomResource.addBatch();
        }
        int[] counts = st.updateRoomResource.executeBatch();
        boolean inserts = false;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                RoomResource rr = all.get(i);
                st.insertRoomResource.setString(1, rr.room);
                st.insertRoomResource.setString(2, rr.resourceId);
                st.insertRoomResource.setLong(3, rr.version);
                st.insertRoomResource.setLong(4, rr.offset);
                st.insertRoomResource.setLong(5, rr.seq);
                st.insertRoomResource.addBatch();
                inserts = true;
            } else if (counts[i] == Statement.EXECUTE_FAILED) {
                throw new SQLException("room_resources update failed for " + all.get(i).room);
            }
        }
        execute(st.insertRoomResource, inserts);
    }

    private static void execute(PreparedStatement ps, boolean hasBatch) throws SQLException {
        if (hasBatch) {
            ps.executeBatch();
        }
    }
}
