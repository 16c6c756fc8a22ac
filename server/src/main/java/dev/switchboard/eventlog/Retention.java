package dev.switchboard.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.RetentionLimits;
import dev.switchboard.model.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bounds what the log keeps, by count, age and size (docs/event-log.md, "Retention").
 *
 * <p>A pass has two phases, each done in steps that touch at most {@code log.retention-batch} rows,
 * one step per turn of the writer loop, so publishes wait for one step at most:
 * <ol>
 * <li><b>Streams.</b> Every room stream is trimmed to its last {@code log.retain-per-room} entries,
 * and entries whose event is at or below the pass's cutoff seq (older than {@code log.max-age}, or
 * the oldest part of the log while it is above {@code log.max-size}) go too. {@code first_offset}
 * moves, so a client whose cursor is older is told to take a snapshot. Trimming never passes a
 * room's {@code materialized_offset}: a snapshot overlays the stream after it.</li>
 * <li><b>Events.</b> An {@code events} row is deleted once nothing needs it: it is folded (at or below
 * {@code materialized_seq}), no room stream holds it any more, and it is not the latest version of its
 * resource in {@code resources} or in any of its rooms' {@code room_resources} (a snapshot reads its
 * payload). Each check is a primary-key lookup, so no index is added to the publish path.</li>
 * </ol>
 * Runs on the writer thread only; the caller commits after each step.
 */
final class Retention {
    private enum Phase { IDLE, STREAMS, EVENTS }

    private final RetentionLimits limits;
    private final StoreSize storeSize;
    private Phase phase = Phase.IDLE;
    private String roomCursor;
    private long eventCursor;
    private long cutoffSeq;
    private final PassCounts counts = new PassCounts();

    /** What one pass did, for its log line and for whether compaction is worth it. */
    static final class PassCounts {
        long streamEntries;
        long events;
        long cutoffSeq;

        boolean deletedAny() {
            return streamEntries > 0 || events > 0;
        }
    }

    Retention(RetentionLimits limits, StoreSize storeSize) {
        this.limits = limits;
        this.storeSize = storeSize;
    }

    boolean running() {
        return phase != Phase.IDLE;
    }

    /** After a failed step: the next interval starts a new pass (what was committed stays done). */
    void abandon() {
        phase = Phase.IDLE;
    }

    /** Starts a pass: decides the cutoff seq from the age and size bounds. */
    void begin(Connection c, long nowMillis) throws SQLException {
        cutoffSeq = Math.max(ageCutoff(c, nowMillis), sizeCutoff(c));
        roomCursor = "";
        eventCursor = 0;
        counts.streamEntries = 0;
        counts.events = 0;
        counts.cutoffSeq = cutoffSeq;
        phase = Phase.STREAMS;
    }

    /**
     * One bounded step of the pass; the caller commits. Returns the pass's counts once it is
     * finished, else null.
     */
    PassCounts step(Connection c, long materializedSeq) throws SQLException {
        if (phase == Phase.STREAMS && !trimStreams(c)) {
            phase = Phase.EVENTS;
        } else if (phase == Phase.EVENTS && !deleteUnneededEvents(c, materializedSeq)) {
            phase = Phase.IDLE;
            return counts;
        }
        return null;
    }

    /** The highest seq older than {@code log.max-age}; seqs are handed out in time order, so a binary search over the key finds it. */
    private long ageCutoff(Connection c, long nowMillis) throws SQLException {
        if (limits.maxAge().isZero()) {
            return 0;
        }
        long before = nowMillis - limits.maxAge().toMillis();
        long lo = 0;
        long hi = longQuery(c, "SELECT COALESCE(MAX(seq), 0) FROM events", -1);
        try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1")) {
            while (lo < hi) { // invariant: every event at or below lo is old enough; above hi none is
                long mid = lo + (hi - lo + 1) / 2;
                ps.setLong(1, mid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) < before) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
            }
        }
        return lo;
    }

    /**
     * While the log's live data is above {@code log.max-size}, the cutoff moves up through the seqs
     * still held by streams by the share of data to shed (down to 90 % of the bound, so passes do not
     * trim a sliver each). The next pass measures again and cuts more if it was not enough.
     */
    private long sizeCutoff(Connection c) throws SQLException {
        if (limits.maxSizeBytes() <= 0) {
            return 0;
        }
        long live = storeSize.liveBytes(c);
        if (live <= limits.maxSizeBytes()) {
            return 0;
        }
        // From the last cutoff (streams are trimmed below it already) or the oldest event: MIN and MAX over
        // the primary key cost two lookups, where room_events has no index on seq to ask.
        long low = Math.max(cutoffSeq, longQuery(c, "SELECT COALESCE(MIN(seq), 0) FROM events", -1));
        long high = longQuery(c, "SELECT COALESCE(MAX(seq), 0) FROM events", -1);
        double shed = (live - 0.9 * limits.maxSizeBytes()) / live;
        return low + (long) Math.ceil((high - low) * shed);
    }

    /** Trims streams from the room cursor on; false once every room was seen. */
    private boolean trimStreams(Connection c) throws SQLException {
        int budget = limits.batchRows();
        List<Object[]> rooms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT room, head, first_offset, materialized_offset FROM rooms WHERE room > ? ORDER BY room LIMIT ?")) {
            ps.setString(1, roomCursor);
            ps.setInt(2, budget);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rooms.add(new Object[]{rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        if (rooms.isEmpty()) {
            return false;
        }
        try (PreparedStatement firstNewer = c.prepareStatement("SELECT room_offset FROM room_events WHERE room = ?"
                + " AND room_offset >= ? AND room_offset < ? AND seq > ? ORDER BY room_offset LIMIT 1");
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM room_events WHERE room = ? AND room_offset >= ? AND room_offset < ?");
             PreparedStatement update = c.prepareStatement("UPDATE rooms SET first_offset = ? WHERE room = ?")) {
            for (Object[] r : rooms) {
                String room = (String) r[0];
                long head = (Long) r[1];
                long first = (Long) r[2];
                long materialized = (Long) r[3];
                long end = Math.min(materialized + 1, head + 1); // never past what the snapshot tables hold
                long limit = Math.min(end, first + budget);      // at most the budget's entries per step
                long target = first;
                if (limits.perRoom() > 0) {
                    target = Math.max(target, head - limits.perRoom() + 1);
                }
                if (cutoffSeq > 0 && target < limit) {
                    firstNewer.setString(1, room);
                    firstNewer.setLong(2, target);
                    firstNewer.setLong(3, limit);
                    firstNewer.setLong(4, cutoffSeq);
                    try (ResultSet rs = firstNewer.executeQuery()) {
                        target = rs.next() ? rs.getLong(1) : limit;
                    }
                }
                target = Math.min(target, limit);
                if (target > first) {
                    delete.setString(1, room);
                    delete.setLong(2, first);
                    delete.setLong(3, target);
                    counts.streamEntries += delete.executeUpdate();
                    update.setLong(1, target);
                    update.setString(2, room);
                    update.executeUpdate();
                    budget -= (int) (target - first);
                }
                if (budget <= 0) {
                    if (target >= end) {
                        roomCursor = room;
                    } // else the room may have more: the next step starts with it again
                    return true;
                }
                roomCursor = room;
            }
        }
        return rooms.size() == limits.batchRows();
    }

    /** Deletes unneeded events from the event cursor on; false once it reached {@code materialized_seq}. */
    private boolean deleteUnneededEvents(Connection c, long materializedSeq) throws SQLException {
        List<Long> unneeded = new ArrayList<>();
        int seen = 0;
        Map<String, Long> firstOffsets = new HashMap<>();
        try (PreparedStatement page = c.prepareStatement("SELECT seq, resource_id, room_offsets FROM events"
                + " WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?");
             PreparedStatement firstOffset = c.prepareStatement("SELECT first_offset FROM rooms WHERE room = ?");
             PreparedStatement roomTip = c.prepareStatement("SELECT seq FROM room_resources WHERE room = ? AND resource_id = ?");
             PreparedStatement tip = c.prepareStatement("SELECT last_seq FROM resources WHERE resource_id = ?")) {
            page.setLong(1, eventCursor);
            page.setLong(2, materializedSeq);
            page.setInt(3, limits.batchRows());
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    seen++;
                    long seq = rs.getLong(1);
                    eventCursor = seq;
                    String resource = rs.getString(2);
                    if (!needed(seq, resource, rs.getString(3), firstOffsets, firstOffset, roomTip, tip)) {
                        unneeded.add(seq);
                    }
                }
            }
        }
        if (!unneeded.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM events WHERE seq = ?")) {
                for (long seq : unneeded) {
                    delete.setLong(1, seq);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            counts.events += unneeded.size();
        }
        return seen == limits.batchRows();
    }

    private static boolean needed(long seq, String resource, String roomOffsets, Map<String, Long> firstOffsets,
                                  PreparedStatement firstOffset, PreparedStatement roomTip, PreparedStatement tip)
            throws SQLException {
        if (longQuery(tip, resource) == seq) {
            return true;
        }
        JsonNode offsets;
        try {
            offsets = Json.parse(roomOffsets);
        } catch (JsonProcessingException e) {
            return true; // cannot tell where it went: keep it
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = offsets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String room = e.getKey();
            Long first = firstOffsets.get(room);
            if (first == null) {
                first = longQuery(firstOffset, room);
                firstOffsets.put(room, first);
            }
            if (first < 0 || e.getValue().longValue() >= first) {
                return true; // still in the stream (or the room is unknown: keep it)
            }
            roomTip.setString(1, room);
            roomTip.setString(2, resource);
            try (ResultSet rs = roomTip.executeQuery()) {
                if (rs.next() && rs.getLong(1) == seq) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first column of the first row for one string key, or -1. */
    private static long longQuery(PreparedStatement ps, String key) throws SQLException {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static long longQuery(Connection c, String sql, long none) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : none;
        }
    }
}
