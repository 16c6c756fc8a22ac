package dev.switchboard.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Maps rows of the {@code events} table (aliased {@code e}) to events. */
final class EventRows {
    static final String COLUMNS = "e.seq, e.event_id, e.type, e.resource_id, e.version, e.occurred_at, e.actor_id,"
            + " e.payload, e.content_hash, e.room_offsets";

    private EventRows() {
    }

    /** Reads the columns of {@link #COLUMNS} starting at {@code first}. */
    static Event event(ResultSet rs, int first) throws SQLException {
        return new Event(rs.getString(first + 1), rs.getString(first + 2), rs.getLong(first + 4),
                Instant.ofEpochMilli(rs.getLong(first + 5)), rs.getString(first + 6), rs.getString(first + 3),
                payload(rs.getString(first + 7)), rs.getLong(first));
    }

    static String contentHash(ResultSet rs, int first) throws SQLException {
        return rs.getString(first + 8);
    }

    static List<RoomPosition> roomOffsets(ResultSet rs, int first) throws SQLException {
        List<RoomPosition> rooms = new ArrayList<>();
        JsonNode node = parse(rs.getString(first + 9));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rooms.add(new RoomPosition(e.getKey(), null, e.getValue().longValue()));
        }
        return rooms;
    }

    /** {@code {"room":offset,...}}; room names need no escaping (their grammar has no quote or backslash). */
    static String roomOffsetsJson(List<RoomPosition> rooms) {
        StringBuilder b = new StringBuilder(24 * rooms.size() + 2).append('{');
        for (RoomPosition p : rooms) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(p.room()).append("\":").append(p.offset());
        }
        return b.append('}').toString();
    }

    static ObjectNode payload(String json) throws SQLException {
        JsonNode node = parse(json);
        if (!node.isObject()) {
            throw new SQLException("stored payload is not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static JsonNode parse(String json) throws SQLException {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
