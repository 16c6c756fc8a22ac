package dev.switchboard.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.HttpCall;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.event.Timestamps;
import dev.switchboard.model.json.Json;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/events}: searches the event log, newest first, a page at a time (docs/admin-api.md,
 * "Searching the log"). Positions are a room's offsets when a room is given, else the log's sequence.
 *
 * <p>Each page looks at no more than {@value #SCAN_WINDOW} positions below its cursor, so a search for
 * something rare in a large log costs one bounded read per page instead of a scan of the whole log: a
 * page that stopped at that bound says how far it searched ({@code searchedTo}) and where to go on
 * ({@code next}). A search by event id goes straight to the id's index and is not bounded that way.
 */
final class EventSearch {
    static final int SCAN_WINDOW = 200_000;
    private static final String COLUMNS = "e.event_id, e.seq, e.type, e.resource_id, e.version,"
            + " COALESCE(e.committed_at, e.occurred_at), e.room_offsets, e.actor_id";

    private final DataSource dataSource;
    private final long scanWindow;

    EventSearch(DataSource dataSource) {
        this(dataSource, SCAN_WINDOW);
    }

    /** {@code scanWindow}: how many positions one page looks at at most (tests use a small one). */
    EventSearch(DataSource dataSource, long scanWindow) {
        this.dataSource = dataSource;
        this.scanWindow = scanWindow;
    }

    /** What one page asks for; every field but {@code limit} may be null. */
    record Query(String room, String type, String resource, String eventId, String actor, Long fromMs, Long toMs,
                 Long fromOffset, Long toOffset, Long before, int limit) {
        static Query of(HttpCall call) throws ApiException {
            Query q = new Query(QueryParams.text(call, "room"), QueryParams.text(call, "type"),
                    QueryParams.text(call, "resource"), QueryParams.text(call, "id"), QueryParams.text(call, "actor"),
                    QueryParams.instant(call, "from"), QueryParams.instant(call, "to"),
                    QueryParams.whole(call, "fromOffset", 1), QueryParams.whole(call, "toOffset", 1),
                    QueryParams.whole(call, "before", 1), QueryParams.limit(call, 50));
            if (q.room == null && (q.fromOffset != null || q.toOffset != null)) {
                throw ApiException.invalid("fromOffset/toOffset: offsets are a room's; give the room too");
            }
            if (q.fromOffset != null && q.toOffset != null && q.fromOffset > q.toOffset) {
                throw ApiException.invalid("fromOffset must not be after toOffset");
            }
            if (q.fromMs != null && q.toMs != null && q.fromMs > q.toMs) {
                throw ApiException.invalid("from must not be after to");
            }
            return q;
        }
    }

    EventList search(Query q) throws SQLException, JsonProcessingException {
        try (Connection c = dataSource.getConnection()) {
            long floor = q.fromOffset == null || q.room == null ? 1 : q.fromOffset;
            long top = top(c, q);
            if (q.toOffset != null) {
                top = Math.min(top, q.toOffset);
            }
            if (q.before != null) {
                top = Math.min(top, q.before - 1);
            }
            if (top < floor) {
                return new EventList(List.of(), null, floor, by(q));
            }
            boolean byId = q.eventId != null;
            long bottom = byId ? floor : Math.max(floor, top - scanWindow + 1);
            List<EventList.EventSummary> found = read(c, q, bottom, top);
            if (found.size() == q.limit) {
                long last = position(found.get(found.size() - 1), q);
                return new EventList(found, last > floor ? last : null, last, by(q));
            }
            return new EventList(found, bottom > floor ? bottom : null, bottom, by(q));
        }
    }

    private static String by(Query q) {
        return q.room == null ? "seq" : "offset";
    }

    private static long position(EventList.EventSummary e, Query q) {
        return q.room == null ? e.seq() : e.offsets().getOrDefault(q.room, 0L);
    }

    /** The newest position there is: the room's head, or the log's last sequence (0 when empty or unknown). */
    private static long top(Connection c, Query q) throws SQLException {
        String sql = q.room == null ? "SELECT MAX(seq) FROM events" : "SELECT head FROM rooms WHERE room = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (q.room != null) {
                ps.setString(1, q.room);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static List<EventList.EventSummary> read(Connection c, Query q, long bottom, long top)
            throws SQLException, JsonProcessingException {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        String position;
        String from;
        if (q.room == null) {
            position = "e.seq";
            from = " FROM events e";
        } else {
            position = "re.room_offset";
            from = " FROM room_events re JOIN events e ON e.seq = re.seq";
            where.add("re.room = ?");
            args.add(q.room);
        }
        where.add(position + " BETWEEN ? AND ?");
        args.add(bottom);
        args.add(top);
        textFilter(where, args, "e.type", q.type);
        textFilter(where, args, "e.resource_id", q.resource);
        equal(where, args, "e.event_id", q.eventId);
        equal(where, args, "e.actor_id", q.actor);
        if (q.fromMs != null) {
            where.add("COALESCE(e.committed_at, e.occurred_at) >= ?");
            args.add(q.fromMs);
        }
        if (q.toMs != null) {
            where.add("COALESCE(e.committed_at, e.occurred_at) <= ?");
            args.add(q.toMs);
        }
        String sql = "SELECT " + COLUMNS + from + " WHERE " + String.join(" AND ", where)
                + " ORDER BY " + position + " DESC LIMIT ?";
        args.add(q.limit);
        List<EventList.EventSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventList.EventSummary(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), Timestamps.format(Instant.ofEpochMilli(rs.getLong(6))),
                            offsets(rs.getString(7)), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static void equal(List<String> where, List<Object> args, String column, String value) {
        if (value != null) {
            where.add(column + " = ?");
            args.add(value);
        }
    }

    /** Exact, or a prefix when the value ends with {@code *} ({@code doc.*}). */
    private static void textFilter(List<String> where, List<Object> args, String column, String value) {
        if (value == null) {
            return;
        }
        if (!value.endsWith("*")) {
            equal(where, args, column, value);
            return;
        }
        String prefix = value.substring(0, value.length() - 1)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        where.add(column + " LIKE ? ESCAPE '\\'");
        args.add(prefix + "%");
    }

    /** The stored {@code {"room": offset, ...}} of an event, in its order. */
    private static Map<String, Long> offsets(String json) throws JsonProcessingException {
        Map<String, Long> out = new LinkedHashMap<>();
        Json.parse(json).fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asLong()));
        return out;
    }
}
