package dev.switchboard.eventlog;

import dev.switchboard.model.event.Event;
import dev.switchboard.model.event.PublishRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One group commit: decides a batch of publishes in queue order and writes the accepted ones in one
 * database transaction.
 *
 * <p>Design. Decisions (idempotency, expectedVersion, the next version, seq and offsets) are made
 * against the {@link WriterState} plus what earlier publishes of the same batch decided, staged in
 * the maps below. A refused publish (conflict) stages nothing. The writes are appends only: the
 * event row, one stream row per room, and each touched room's head, sent as JDBC batches. Nothing
 * reaches the {@link WriterState} until the caller has committed and calls {@link #applyTo}: a batch
 * that fails and rolls back leaves the writer's view exactly as the database is.
 *
 * <p>Used once, by the writer thread.
 */
final class PublishTransaction {
    private final WriterStatements st;
    private final WriterState state;
    private final String logEpoch;
    private final LongSupplier clockMillis;

    private final Map<String, KnownId> ids = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, WriterState.RoomHead> rooms = new LinkedHashMap<>();
    private final Map<String, Boolean> roomIsNew = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private long seq;

    /** An id already in the log; {@code storedHash} is null for ids the gateway generated. */
    private record KnownId(String storedHash, StoredEvent event) {
        String contentHash() {
            if (storedHash != null) {
                return storedHash;
            }
            Event e = event.event();
            List<String> rooms = event.rooms().stream().map(RoomPosition::room).toList();
            return new PublishRequest(e.id(), e.type(), e.resourceId(), rooms, e.actorId(), e.payload(), null).contentHash();
        }
    }

    private record Row(StoredEvent stored, String payloadJson, String contentHash, long receivedAtMillis) {
    }

    PublishTransaction(WriterStatements st, WriterState state, String logEpoch, LongSupplier clockMillis) {
        this.st = st;
        this.state = state;
        this.logEpoch = logEpoch;
        this.clockMillis = clockMillis;
        this.seq = state.seq;
    }

    /** Decides every publish of the batch and writes the accepted ones; the caller commits. */
    List<PublishOutcome> run(List<PendingPublish> batch) throws SQLException {
        List<PublishOutcome> outcomes = new ArrayList<>(batch.size());
        for (PendingPublish p : batch) {
            outcomes.add(decide(p));
        }
        if (!rows.isEmpty()) {
            write();
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
                return known.contentHash().equals(p.contentHash())
                        ? new PublishOutcome.Duplicate(known.event)
                        : new PublishOutcome.IdConflict(id);
            }
        } else {
            id = EventIds.next(now);
        }
        long current = version(r.resourceId());
        if (r.expectedVersion() != null && r.expectedVersion() != current) {
            return new PublishOutcome.VersionConflict(r.resourceId(), r.expectedVersion(), current);
        }
        long eventSeq = ++seq;
        long version = current + 1;
        versions.put(r.resourceId(), version);
        List<RoomPosition> positions = new ArrayList<>(r.rooms().size());
        for (String roomName : r.rooms()) {
            WriterState.RoomHead room = room(roomName);
            WriterState.RoomHead next = new WriterState.RoomHead(room.epoch(), room.head() + 1);
            rooms.put(roomName, next);
            positions.add(new RoomPosition(roomName, next.epoch(), next.head()));
        }
        Event event = new Event(id, r.type(), version, Instant.ofEpochMilli(now), r.actorId(), r.resourceId(),
                r.payload(), eventSeq);
        StoredEvent stored = new StoredEvent(event, positions);
        rows.add(new Row(stored, p.payloadJson(), p.contentHash(), p.receivedAtMillis()));
        ids.put(id, new KnownId(p.contentHash(), stored));
        return new PublishOutcome.Created(stored);
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

    private long version(String resourceId) throws SQLException {
        Long staged = versions.get(resourceId);
        return staged != null ? staged : state.version(st.connection, resourceId);
    }

    private WriterState.RoomHead room(String room) throws SQLException {
        WriterState.RoomHead staged = rooms.get(room);
        if (staged != null) {
            return staged;
        }
        WriterState.RoomHead known = state.room(st.connection, room);
        roomIsNew.put(room, known == null);
        return known != null ? known : new WriterState.RoomHead(logEpoch, 0);
    }

    private void write() throws SQLException {
        long committing = clockMillis.getAsLong();
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
            ps.setLong(11, row.receivedAtMillis);
            ps.setLong(12, committing);
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
        long now = clockMillis.getAsLong();
        for (Map.Entry<String, WriterState.RoomHead> entry : rooms.entrySet()) {
            if (roomIsNew.get(entry.getKey())) {
                st.insertRoom.setString(1, entry.getKey());
                st.insertRoom.setString(2, entry.getValue().epoch());
                st.insertRoom.setLong(3, entry.getValue().head());
                st.insertRoom.setLong(4, now);
                st.insertRoom.addBatch();
                inserts = true;
            } else {
                st.updateRoomHead.setLong(1, entry.getValue().head());
                st.updateRoomHead.setString(2, entry.getKey());
                st.updateRoomHead.addBatch();
                updates = true;
            }
        }
        if (updates) {
            st.updateRoomHead.executeBatch();
        }
        if (inserts) {
            st.insertRoom.executeBatch();
        }
    }

    /** After the commit: the writer's view moves forward, and the accepted events join the tail. */
    void applyTo(WriterState s) {
        s.seq = seq;
        s.rooms.putAll(rooms);
        for (Row row : rows) {
            Event e = row.stored.event();
            s.tailResources.put(e.resourceId(), new WriterState.ResourceTip(e.version(), e.seq()));
            for (RoomPosition pos : row.stored.rooms()) {
                s.addToTail(pos.room(), e.resourceId(), e.version(), pos.offset(), e.seq());
            }
        }
    }
}
