package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What the writer knows about the log, so that deciding a publish costs no reads: the last seq, each
 * room's epoch and head, each resource's version, and the <em>tail</em>: what changed since
 * {@code materialized_seq} and still has to be folded into {@code resources} and
 * {@code room_resources} (see {@link Materializer}).
 *
 * <p>Design. The writer is the log's only writer (the embedded H2 file admits one process; on a
 * PostgreSQL log that several nodes write, {@link SharedLog} brings this state up to date under the
 * log's write lock before each write), so its memory is as good as the database once a transaction
 * has committed: changes are staged by a
 * {@link PublishTransaction} and applied here only after its commit. The caches are bounded; a miss
 * reads the database, which is authoritative for everything at or below {@code materialized_seq},
 * while everything above it is in the tail maps, which are never evicted. After a crash the tail is
 * rebuilt from the {@code events} rows above {@code materialized_seq} ({@link #load}).
 *
 * <p>Owned by the writer thread; built before that thread starts.
 */
final class WriterState {
    private static final int ROOM_CACHE = 100_000;
    private static final int VERSION_CACHE = 200_000;

    record RoomHead(String epoch, long head) {
    }

    record ResourceTip(long version, long lastSeq) {
    }

    record RoomResourceTip(String room, String resourceId, long version, long offset, long seq) {
    }

    long seq;
    long materializedSeq;
    final Map<String, RoomHead> rooms = lru(ROOM_CACHE);
    final Map<String, Long> versions = lru(VERSION_CACHE);
    final Map<String, ResourceTip> tailResources = new LinkedHashMap<>();
    /** room → resource → latest tip; rooms in the order their tail began, so the oldest fold first. */
    final Map<String, Map<String, RoomResourceTip>> tailRoomResources = new LinkedHashMap<>();
    final Map<String, Long> tailRoomOffsets = new HashMap<>();
    final Map<String, Integer> tailRoomEvents = new HashMap<>();
    /** Room stream entries in the tail (an event in two rooms counts twice). */
    int tailEvents;

    /** A part of the tail to fold in one transaction: whole rooms, and some resources. */
    record Slice(List<RoomResourceTip> roomResources, Map<String, Long> roomOffsets,
                 List<Map.Entry<String, ResourceTip>> resources, long materializedSeqAfter) {
        boolean isEmpty() {
            return roomResources.isEmpty() && roomOffsets.isEmpty() && resources.isEmpty();
        }
    }

    /** Reads the last seq and rebuilds the tail from the events above {@code materialized_seq}. */
    static WriterState load(Connection c) throws SQLException {
        WriterState s = new WriterState();
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            s.seq = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT counter_value FROM log_counters WHERE counter_name = 'materialized_seq'");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("log_counters has no materialized_seq row: the schema is damaged");
            }
            s.materializedSeq = rs.getLong(1);
        }
        s.addCommittedAfter(c, s.materializedSeq);
        return s;
    }

    /** Every event committed with a seq above {@code after} joins the tail, in seq order ({@link #addCommitted}). */
    void addCommittedAfter(Connection c, long after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, resource_id, version, room_offsets FROM events WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addCommitted(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
                }
            }
        }
    }

    /**
     * An event committed (by this writer before a restart, or by another node of a shared log) joins
     * the tail, and the cached heads of its rooms are dropped: the {@code rooms} rows hold them.
     */
    void addCommitted(long seq, String resource, long version, String roomOffsetsJson) throws SQLException {
        JsonNode offsets;
        try {
            offsets = Json.parse(roomOffsetsJson);
        } catch (JsonProcessingException e) {
            throw new SQLException("events.room_offsets does not parse: " + e.getOriginalMessage(), e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = offsets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> room = it.next();
            rooms.remove(room.getKey());
            addToTail(room.getKey(), resource, version, room.getValue().longValue(), seq);
        }
        tailResources.put(resource, new ResourceTip(version, seq));
        this.seq = Math.max(this.seq, seq);
    }

    /** The resource's version: the tail, then the cache, then the materialized table. */
    long version(Connection c, String resourceId) throws SQLException {
        ResourceTip tip = tailResources.get(resourceId);
        if (tip != null) {
            return tip.version();
        }
        Long cached = versions.get(resourceId);
        if (cached != null) {
            return cached;
        }
        long version = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM resources WHERE resource_id = ?")) {
            ps.setString(1, resourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    version = rs.getLong(1);
                }
            }
        }
        versions.put(resourceId, version);
        return version;
    }

    /** The room's epoch and head, or null when the room has never had an event. */
    RoomHead room(Connection c, String room) throws SQLException {
        RoomHead head = rooms.get(room);
        if (head != null) {
            return head;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, head FROM rooms WHERE room = ?")) {
            ps.setString(1, room);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                head = new RoomHead(rs.getString(1), rs.getLong(2));
            }
        }
        rooms.put(room, head);
        return head;
    }

    void addToTail(String room, String resourceId, long version, long offset, long seq) {
        tailRoomResources.computeIfAbsent(room, r -> new HashMap<>())
                .put(resourceId, new RoomResourceTip(room, resourceId, version, offset, seq));
        tailRoomOffsets.merge(room, offset, Math::max);
        tailRoomEvents.merge(room, 1, Integer::sum);
        tailEvents++;
    }

    /**
     * The next part of the tail to fold: whole rooms (a room's snapshot rows must all be as of its
     * {@code materialized_offset}) until about {@code maxRows} rows, and up to {@code maxRows} resources.
     * {@code materializedSeqAfter} is what {@code materialized_seq} may become once the slice is in:
     * just below the oldest seq still in the tail, so a restart rebuilds everything not yet folded.
     */
    Slice nextSlice(int maxRows) {
        List<RoomResourceTip> rows = new ArrayList<>();
        Map<String, Long> offsets = new HashMap<>();
        Set<String> rooms = new HashSet<>();
        for (Map.Entry<String, Map<String, RoomResourceTip>> room : tailRoomResources.entrySet()) {
            if (!rows.isEmpty() && rows.size() + room.getValue().size() > maxRows) {
                break;
            }
            rows.addAll(room.getValue().values());
            offsets.put(room.getKey(), tailRoomOffsets.get(room.getKey()));
            rooms.add(room.getKey());
        }
        List<Map.Entry<String, ResourceTip>> resources = new ArrayList<>();
        Set<String> resourceIds = new HashSet<>();
        for (Map.Entry<String, ResourceTip> e : tailResources.entrySet()) {
            if (resources.size() >= maxRows) {
                break;
            }
            resources.add(Map.entry(e.getKey(), e.getValue()));
            resourceIds.add(e.getKey());
        }
        long oldestLeft = seq + 1;
        for (Map.Entry<String, Map<String, RoomResourceTip>> room : tailRoomResources.entrySet()) {
            if (!rooms.contains(room.getKey())) {
                for (RoomResourceTip tip : room.getValue().values()) {
                    oldestLeft = Math.min(oldestLeft, tip.seq());
                }
            }
        }
        for (Map.Entry<String, ResourceTip> e : tailResources.entrySet()) {
            if (!resourceIds.contains(e.getKey())) {
                oldestLeft = Math.min(oldestLeft, e.getValue().lastSeq());
            }
        }
        return new Slice(rows, offsets, resources, oldestLeft - 1);
    }

    /** After a slice committed: it is in the tables, and leaves the tail. */
    void sliceMaterialized(Slice slice) {
        for (String room : slice.roomOffsets().keySet()) {
            tailRoomResources.remove(room);
            tailRoomOffsets.remove(room);
            Integer events = tailRoomEvents.remove(room);
            tailEvents -= events == null ? 0 : events;
        }
        for (Map.Entry<String, ResourceTip> e : slice.resources()) {
            tailResources.remove(e.getKey());
            versions.put(e.getKey(), e.getValue().version());
        }
        materializedSeq = slice.materializedSeqAfter();
    }

    boolean tailEmpty() {
        return tailRoomResources.isEmpty() && tailResources.isEmpty();
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
