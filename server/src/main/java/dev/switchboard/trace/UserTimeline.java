package dev.switchboard.trace;

import dev.switchboard.model.admin.UserTimelineInfo;
import dev.switchboard.model.room.RoomName;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
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

    public UserTimelineInfo timeline(String userId, long from, long to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            UserTimelineInfo out = build(c, userId, from, to);
            c.commit();
            return out;
        }
    }

    /** A connection as read, before its joins (read next) are known. */
    private record ConnectionRow(String connectionId, String deviceId, String appVersion, String remoteIp, String node,
                                 long connectedAt, Long disconnectedAt, Integer closeCode, String closeReason) {
        UserTimelineInfo.Connection withJoins(List<UserTimelineInfo.Join> joins) {
            return new UserTimelineInfo.Connection(connectionId, appVersion, remoteIp, node, EventTrace.time(connectedAt),
                    disconnectedAt == null ? null : EventTrace.time(disconnectedAt), closeCode, closeReason, joins);
        }
    }

    private UserTimelineInfo build(Connection c, String userId, long from, long to) throws SQLException {
        List<ConnectionRow> rows = new ArrayList<>();
        Map<String, List<UserTimelineInfo.Join>> joins = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, device_id, app_version, remote_ip, node,"
                + " connected_at, disconnected_at, close_code, close_reason FROM trace_connections WHERE user_id = ?"
                + " AND connected_at <= ? AND (disconnected_at IS NULL OR disconnected_at >= ?) ORDER BY connected_at")) {
            ps.setString(1, userId);
            ps.setLong(2, to);
            ps.setLong(3, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long disconnected = rs.getLong(7);
                    boolean open = rs.wasNull();
                    rows.add(new ConnectionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), open ? null : disconnected, open ? null : rs.getInt(8),
                            open ? null : rs.getString(9)));
                    joins.put(rs.getString(1), new ArrayList<>());
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
                    List<UserTimelineInfo.Join> of = joins.get(rs.getString(1));
                    if (of == null) {
                        continue;
                    }
                    rooms.add(rs.getString(2));
                    long head = rs.getLong(4);
                    long recovered = rs.getLong(5);
                    Long recoveredFrom = rs.wasNull() ? null : recovered;
                    long left = rs.getLong(9);
                    Long leftAt = rs.wasNull() ? null : left;
                    of.add(new UserTimelineInfo.Join(rs.getString(2), EventTrace.time(rs.getLong(3)), head >= 0 ? head : null,
                            recoveredFrom, recoveredFrom == null ? null : head - recoveredFrom, rs.getBoolean(6),
                            rs.getLong(7), rs.getLong(8), leftAt == null ? null : EventTrace.time(leftAt),
                            leftAt == null ? null : rs.getString(10)));
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
        Map<String, List<UserTimelineInfo.Connection>> byDevice = new LinkedHashMap<>();
        for (ConnectionRow row : rows) {
            byDevice.computeIfAbsent(row.deviceId(), d -> new ArrayList<>())
                    .add(row.withJoins(joins.get(row.connectionId())));
        }
        List<UserTimelineInfo.Device> devices = new ArrayList<>();
        byDevice.forEach((device, connections) -> devices.add(new UserTimelineInfo.Device(device, connections)));
        return new UserTimelineInfo(userId, EventTrace.time(from), EventTrace.time(to), devices,
                missed(c, userId, rooms, from, to));
    }

    private List<UserTimelineInfo.MissedEvent> missed(Connection c, String userId, Set<String> rooms, long from, long to)
            throws SQLException {
        List<UserTimelineInfo.MissedEvent> missed = new ArrayList<>();
        // A device's connections explain every miss of it: read once, not once per event.
        Map<String, List<TraceFacts.ConnectionRow>> connections = new HashMap<>();
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
                List<UserTimelineInfo.DeviceMiss> fates = new ArrayList<>();
                boolean anyHas = false;
                for (String device : facts.devicesOf(c, userId)) {
                    if (!connections.containsKey(device)) {
                        connections.put(device, TraceFacts.connectionsOf(c, userId, device));
                    }
                    Verdict v = Verdict.of(facts, userId, device, offset, committed, Map.of(), connections.get(device));
                    anyHas |= v.fate().has() || v.fate() == DeviceFate.PENDING;
                    fates.add(new UserTimelineInfo.DeviceMiss(device, v.fate().wire(), v.drop(), v.reason()));
                }
                if (!anyHas) {
                    missed.add(new UserTimelineInfo.MissedEvent(eventId, room, offset, EventTrace.time(committed), fates));
                }
            }
        }
        return missed;
    }
}
