package dev.switchboard.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The per-connection records that can say something about one offset of one room. */
final class TraceFacts {
    record MembershipRow(String connectionId, String userId, String deviceId, String node, long joinedAt, long joinHead,
                         Long recoveredFrom, boolean snapshotRequired, long deliveredTo, long ackedTo, Long leftAt,
                         String leftReason, Long ackedAt) {
    }

    /** One connection of a device: what a miss is explained with (offline since, closed with which code). */
    record ConnectionRow(String connectionId, long connectedAt, Long disconnectedAt, Integer closeCode,
                         String closeReason) {
        boolean openAt(long at) {
            return connectedAt <= at && (disconnectedAt == null || disconnectedAt >= at);
        }
    }

    record DropRow(String connectionId, long from, long to, String reason, boolean injected, long at) {
    }

    record HttpReadRow(String userId, String deviceId, long after, long upTo, long at) {
    }

    final List<MembershipRow> memberships = new ArrayList<>();
    final List<DropRow> drops = new ArrayList<>();
    final List<HttpReadRow> httpReads = new ArrayList<>();

    static TraceFacts load(Connection c, String room, long offset) throws SQLException {
        TraceFacts f = new TraceFacts();
        // Memberships that were in the room before this offset, replayed it, acknowledged past it, or were
        // told to reload a snapshot that includes it.
        try (PreparedStatement ps = c.prepareStatement("SELECT m.connection_id, k.user_id, k.device_id, k.node,"
                + " m.joined_at, m.join_head, m.recovered_from, m.snapshot_required, m.delivered_to, m.acked_to, m.left_at,"
                + " m.left_reason, m.acked_at FROM trace_memberships m JOIN trace_connections k ON k.connection_id = m.connection_id"
                + " WHERE m.room = ? AND (m.join_head < ? OR m.recovered_from < ? OR m.acked_to >= ?"
                + " OR (m.snapshot_required AND m.join_head >= ?))"
                + " ORDER BY m.joined_at")) {
            ps.setString(1, room);
            ps.setLong(2, offset);
            ps.setLong(3, offset);
            ps.setLong(4, offset);
            ps.setLong(5, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long recovered = rs.getLong(7);
                    Long recoveredFrom = rs.wasNull() ? null : recovered;
                    long left = rs.getLong(11);
                    Long leftAt = rs.wasNull() ? null : left;
                    long acked = rs.getLong(13);
                    Long ackedAt = rs.wasNull() ? null : acked;
                    f.memberships.add(new MembershipRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6), recoveredFrom, rs.getBoolean(8), rs.getLong(9), rs.getLong(10),
                            leftAt, rs.getString(12), ackedAt));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, from_offset, to_offset, reason, injected, at"
                + " FROM trace_drops WHERE room = ? AND from_offset <= ? AND to_offset >= ?")) {
            ps.setString(1, room);
            ps.setLong(2, offset);
            ps.setLong(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    f.drops.add(new DropRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5),
                            rs.getLong(6)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, device_id, after_offset, up_to, at"
                + " FROM trace_http_reads WHERE room = ? AND after_offset < ? AND up_to >= ?")) {
            ps.setString(1, room);
            ps.setLong(2, offset);
            ps.setLong(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    f.httpReads.add(new HttpReadRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return f;
    }

    Set<String> usersInRoom() {
        Set<String> users = new LinkedHashSet<>();
        for (MembershipRow m : memberships) {
            users.add(m.userId());
        }
        return users;
    }

    /** The user's devices seen within trace retention, those with records here first. */
    Set<String> devicesOf(Connection c, String user) throws SQLException {
        Set<String> devices = new LinkedHashSet<>();
        for (MembershipRow m : memberships) {
            if (m.userId().equals(user)) {
                devices.add(m.deviceId());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT device_id FROM trace_connections WHERE user_id = ?"
                + " ORDER BY device_id")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(rs.getString(1));
                }
            }
        }
        return devices;
    }

    /** The device's connections within trace retention, oldest first. */
    static List<ConnectionRow> connectionsOf(Connection c, String user, String device) throws SQLException {
        List<ConnectionRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, connected_at, disconnected_at, close_code,"
                + " close_reason FROM trace_connections WHERE user_id = ? AND device_id = ? ORDER BY connected_at")) {
            ps.setString(1, user);
            ps.setString(2, device);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long disconnected = rs.getLong(3);
                    boolean open = rs.wasNull();
                    int code = rs.getInt(4);
                    Integer closeCode = rs.wasNull() ? null : code;
                    out.add(new ConnectionRow(rs.getString(1), rs.getLong(2), open ? null : disconnected, closeCode,
                            rs.getString(5)));
                }
            }
        }
        return out;
    }
}
