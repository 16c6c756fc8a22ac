package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.MissReason;
import dev.switchboard.model.event.Timestamps;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.room.RoomName;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The delivery trace of one event, derived from the per-connection records: for every room of the
 * event, every entitled user and each of their devices, a {@link DeviceFate} with when, on which
 * connection and how. Entitled users are the room's ACL members (the owner for a {@code user:} room)
 * and anyone whose connection was in the room; devices are the ones seen within trace retention.
 * Read-only; one REPEATABLE READ transaction.
 */
public final class EventTrace {
    private final DataSource dataSource;

    public EventTrace(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The event's trace, or empty when no event has this id. */
    public Optional<EventTraceInfo> trace(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            Optional<EventTraceInfo> result = trace(c, eventId);
            c.commit();
            return result;
        }
    }

    Optional<EventTraceInfo> trace(Connection c, String eventId) throws SQLException {
        long seq;
        String type;
        String resourceId;
        long version;
        long occurredAt;
        Long receivedAt;
        long committedAt;
        Map<String, Long> rooms = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, type, resource_id, version, occurred_at, actor_id,"
                + " received_at, committed_at, room_offsets FROM events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                seq = rs.getLong(1);
                type = rs.getString(2);
                resourceId = rs.getString(3);
                version = rs.getLong(4);
                occurredAt = rs.getLong(5);
                long received = rs.getLong(7);
                receivedAt = rs.wasNull() ? null : received;
                committedAt = rs.getLong(8);
                if (rs.wasNull()) {
                    committedAt = occurredAt; // written before tracing existed: its acceptance time
                }
                JsonNode offsets = Json.parse(rs.getString(9));
                for (Iterator<Map.Entry<String, JsonNode>> it = offsets.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    rooms.put(e.getKey(), e.getValue().longValue());
                }
            } catch (JsonProcessingException e) {
                throw new SQLException("unreadable room offsets of " + eventId, e);
            }
        }
        List<EventTraceInfo.Handoff> handoffs = new ArrayList<>();
        Map<String, Long> handedAtByNode = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT node, handed_at, lag_micros FROM trace_fanout"
                + " WHERE last_seq >= ? AND first_seq <= ? ORDER BY handed_at")) {
            ps.setLong(1, seq);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handoffs.add(new EventTraceInfo.Handoff(rs.getString(1), time(rs.getLong(2)), rs.getLong(3) / 1000.0));
                    handedAtByNode.putIfAbsent(rs.getString(1), rs.getLong(2));
                }
            }
        }
        EnumMap<DeviceFate, Integer> summary = new EnumMap<>(DeviceFate.class);
        List<EventTraceInfo.RoomTrace> roomsOut = new ArrayList<>();
        for (Map.Entry<String, Long> room : rooms.entrySet()) {
            roomsOut.add(room(c, room.getKey(), room.getValue(), committedAt, handedAtByNode, summary));
        }
        return Optional.of(new EventTraceInfo(eventId, seq, type, resourceId, version, time(occurredAt),
                receivedAt == null ? null : time(receivedAt), receivedAt == null ? null : committedAt - receivedAt,
                time(committedAt), handoffs, roomsOut, summary(summary)));
    }

    private static EventTraceInfo.FateSummary summary(EnumMap<DeviceFate, Integer> counts) {
        return new EventTraceInfo.FateSummary(counts.getOrDefault(DeviceFate.ACKED, 0),
                counts.getOrDefault(DeviceFate.DELIVERED, 0), counts.getOrDefault(DeviceFate.RECOVERED, 0),
                counts.getOrDefault(DeviceFate.PENDING, 0), counts.getOrDefault(DeviceFate.DROPPED, 0),
                counts.getOrDefault(DeviceFate.MISSED, 0));
    }

    private EventTraceInfo.RoomTrace room(Connection c, String room, long offset, long committedAt,
                                          Map<String, Long> handedAt, EnumMap<DeviceFate, Integer> summary)
            throws SQLException {
        TraceFacts facts = TraceFacts.load(c, room, offset);
        TreeSet<String> users = new TreeSet<>(facts.usersInRoom());
        RoomName name = RoomName.parse(room);
        if (name.isUserRoom()) {
            users.add(name.id());
        } else {
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM acl_members WHERE room = ?")) {
                ps.setString(1, room);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        users.add(rs.getString(1));
                    }
                }
            }
        }
        List<EventTraceInfo.Recipient> recipients = new ArrayList<>();
        for (String user : users) {
            List<EventTraceInfo.DeviceTrace> devices = new ArrayList<>();
            boolean anyHas = false;
            for (String device : facts.devicesOf(c, user)) {
                Verdict v = Verdict.of(facts, user, device, offset, committedAt, handedAt,
                        TraceFacts.connectionsOf(c, user, device));
                devices.add(v.toDevice(device));
                summary.merge(v.fate(), 1, Integer::sum);
                anyHas |= v.fate().has();
            }
            if (devices.isEmpty()) {
                devices.add(new EventTraceInfo.DeviceTrace(null, DeviceFate.MISSED.wire(), null, null, null, null, null,
                        "no connection of this user within trace retention", null,
                        new MissReason("no_connection", null, null, null, null), null, null));
                summary.merge(DeviceFate.MISSED, 1, Integer::sum);
            }
            recipients.add(new EventTraceInfo.Recipient(user, devices, !anyHas));
        }
        return new EventTraceInfo.RoomTrace(room, offset, recipients);
    }

    static String time(long millis) {
        return Timestamps.format(Instant.ofEpochMilli(millis));
    }

    /** For callers that need the fate only (the user timeline). */
    static List<String> users(TraceFacts facts) {
        return new ArrayList<>(facts.usersInRoom());
    }
}
