package dev.switchboard.eventlog;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one bounded page of a room's snapshot inside the caller's transaction.
 *
 * <p>A resource's state is in {@code room_resources} (folded up to the room's materialized offset) or,
 * newer, in the tail of the stream after it. The page's candidates are the first {@code limit + 1}
 * folded rows after the cursor plus every tail entry after it (ids, versions and seqs only; the tail
 * is bounded by {@code log.materialize-every}); the first {@code limit} ids of that union are exactly
 * the first {@code limit} ids of the room. Payloads are then read one at a time and the page stops
 * before the one that would pass the byte budget, so a page holds at most the budget plus nothing,
 * unless its first resource alone is larger.
 */
final class SnapshotPageQuery {
    /** Where a resource's latest state in the room is: its version and the seq of that event. */
    private record Latest(long version, long seq) {
    }

    private SnapshotPageQuery() {
    }

    /**
     * @param collation what makes SQL compare ids in Java's order ({@link Database#binaryCollation()})
     * @param after     the last resource id of the previous page; "" for the first page
     */
    static SnapshotPage read(Connection c, String collation, String room, RoomReader.StreamHead head, String after,
                             int limit, long maxBytes) throws SQLException {
        TreeMap<String, Latest> candidates = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT resource_id, version, seq FROM room_resources"
                + " WHERE room = ? AND resource_id" + collation + " > ? ORDER BY resource_id" + collation + " LIMIT ?")) {
            ps.setString(1, room);
            ps.setString(2, after);
            ps.setInt(3, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.put(rs.getString(1), new Latest(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT e.resource_id, e.version, e.seq"
                + " FROM room_events re JOIN events e ON e.seq = re.seq"
                + " WHERE re.room = ? AND re.room_offset > ? AND e.resource_id" + collation + " > ?"
                + " ORDER BY re.room_offset")) {
            ps.setString(1, room);
            ps.setLong(2, head.materializedOffset());
            ps.setString(3, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.put(rs.getString(1), new Latest(rs.getLong(2), rs.getLong(3))); // later offsets win
                }
            }
        }
        List<SnapshotResource> resources = new ArrayList<>(Math.min(limit, candidates.size()));
        long bytes = 0;
        boolean full = false;
        Iterator<Map.Entry<String, Latest>> it = candidates.entrySet().iterator();
        try (PreparedStatement payloadOf = c.prepareStatement("SELECT payload FROM events WHERE seq = ?")) {
            while (it.hasNext() && resources.size() < limit) {
                Map.Entry<String, Latest> next = it.next();
                String payload = payload(payloadOf, next.getValue().seq());
                long size = payload.getBytes(StandardCharsets.UTF_8).length;
                if (!resources.isEmpty() && bytes + size > maxBytes) {
                    full = true;
                    break;
                }
                bytes += size;
                resources.add(new SnapshotResource(next.getKey(), next.getValue().version(),
                        EventRows.payload(payload)));
            }
        }
        boolean complete = !full && !it.hasNext();
        String nextAfter = complete ? null : resources.get(resources.size() - 1).resourceId();
        return new SnapshotPage(room, head.epoch(), head.head(), resources, complete, nextAfter);
    }

    private static String payload(PreparedStatement payloadOf, long seq) throws SQLException {
        payloadOf.setLong(1, seq);
        try (ResultSet rs = payloadOf.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("event seq " + seq + " is missing from events");
            }
            return rs.getString(1);
        }
    }
}
