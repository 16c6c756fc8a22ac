package dev.switchboard.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.room.RoomName;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One user's timeline between two instants: each device's connections (connect, disconnect with code
 * and reason) with their joins and recoveries, and the events of the user's rooms that no device of the
 * user has (the same verdicts as {@link EventTrace}).
 */
public final class UserTimeline {
    /** Events examined per room, newest first, so one busy room cannot make the answer unbounded. */
    static final int EVENTS_PER_ROOM = 500;

    private final DataSource dataSource;

    public UserTimeline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ObjectNode timeline(String userId, long from, long to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            ObjectNode out = build(c, userId, from, to);
            c.commit();
            return out;
        }
    }

    private ObjectNode build(Connection c, String userId, long from, long to) throws SQLException {
        ObjectNode out = Json.object();
        out.put("userId", userId);
        out.put("from", EventTrace.time(from));
        out.put("to", EventTrace.time(to));
        Map<String, ArrayNode> byDevice = new LinkedHashMap<>();
        Map<String, ObjectNode> connections = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, device_id, app_version, remote_ip, node,"
                + " connected_at, disconnected_at, close_code, close_reason FROM trace_connections WHERE user_id = ?"
                + " AND connected_at <= ? AND (disconnected_at IS NULL OR disconnected_at >= ?) ORDER BY connected_at")) {
            ps.setString(1, userId);
            ps.setLong(2, to);
            ps.setLong(3, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode k = byDevice.computeIfAbsent(rs.getString(2), d -> Json.MAPPER.createArrayNode()).addObject();
                    k.put("connectionId", rs.getString(1));
                    k.put("appVersion", rs.getString(3));
                    k.put("remoteIp", rs.getString(4));
                    k.put("node", rs.getString(5));
                    k.put("connectedAt", EventTrace.time(rs.getLong(6)));
                    long disconnected = rs.getLong(7);
                    if (!rs.wasNull()) {
                        k.put("disconnectedAt", EventTrace.time(disconnected));
                        k.put("closeCode", rs.getInt(8));
                        k.put("closeReason", rs.getString(9));
                    }
                    k.putArray("joins");
                    connections.put(rs.getString(1), k);
                }
            }
        }
        Set<String> rooms = new TreeSet<>();
        rooms.add(RoomName.userRoom(userId).toString());
        try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, room, joined_at, join_head, recovered_from,"
                + " snapshot_required, delivered_to, acked_to, left_at, left_reason FROM trace_memberships m"
                + " WHERE connection_id IN (SELECT connection_id FROM trace_connections WHERE user_id = ?) ORDER BY joined_at")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode k = connections.get(rs.getString(1));
                    if (k == null) {
                        continue;
                    }
                    rooms.add(rs.getString(2));
                    ObjectNode j = ((ArrayNode) k.get("joins")).addObject();
                    j.put("room", rs.getString(2));
                    j.put("joinedAt", EventTrace.time(rs.getLong(3)));
                    long head = rs.getLong(4);
                    if (head >= 0) {
                        j.put("headAtJoin", head);
                    }
                    long recovered = rs.getLong(5);
                    if (!rs.wasNull()) {
                        j.put("recoveredFrom", recovered);
                        j.put("replayed", head - recovered);
                    }
                    j.put("snapshotRequired", rs.getBoolean(6));
                    j.put("deliveredTo", rs.getLong(7));
                    j.put("ackedTo", rs.getLong(8));
                    long left = rs.getLong(9);
                    if (!rs.wasNull()) {
                        j.put("leftAt", EventTrace.time(left));
                        j.put("leftReason", rs.getString(10));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT room FROM acl_members WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rooms.add(rs.getString(1));
                }
            }
        }
        ArrayNode devices = out.putArray("devices");
        for (Map.Entry<String, ArrayNode> d : byDevice.entrySet()) {
            ObjectNode device = devices.addObject();
            device.put("deviceId", d.getKey());
            device.set("connections", d.getValue());
        }
        out.set("missed", missed(c, userId, rooms, from, to));
        return out;
    }

    private ArrayNode missed(Connection c, String userId, Set<String> rooms, long from, long to) throws SQLException {
        ArrayNode missed = Json.MAPPER.createArrayNode();
        for (String room : rooms) {
            List<Object[]> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.event_id, re.room_offset, COALESCE(e.committed_at,"
                    + " e.occurred_at) FROM room_events re JOIN events e ON e.seq = re.seq WHERE re.room = ?"
                    + " AND COALESCE(e.committed_at, e.occurred_at) BETWEEN ? AND ? ORDER BY re.room_offset DESC LIMIT ?")) {
                ps.setString(1, room);
                ps.setLong(2, from);
                ps.setLong(3, to);
                ps.setInt(4, EVENTS_PER_ROOM);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new Object[]{rs.getString(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            for (int i = events.size() - 1; i >= 0; i--) {
                String eventId = (String) events.get(i)[0];
                long offset = (Long) events.get(i)[1];
                long committed = (Long) events.get(i)[2];
                TraceFacts facts = TraceFacts.load(c, room, offset);
                ArrayNode fates = Json.MAPPER.createArrayNode();
                boolean anyHas = false;
                for (String device : facts.devicesOf(c, userId)) {
                    Verdict v = Verdict.of(facts, userId, device, offset, committed, Map.of());
                    anyHas |= v.fate().has() || v.fate() == DeviceFate.PENDING;
                    ObjectNode f = fates.addObject();
                    f.put("deviceId", device);
                    f.put("fate", v.fate().wire());
                    if (v.drop() != null) {
                        f.set("drop", AdminJson.tree(v.drop()));
                    }
                }
                if (!anyHas) {
                    ObjectNode m = missed.addObject();
                    m.put("eventId", eventId);
                    m.put("room", room);
                    m.put("offset", offset);
                    m.put("committedAt", EventTrace.time(committed));
                    m.set("devices", fates);
                }
            }
        }
        return missed;
    }
}
