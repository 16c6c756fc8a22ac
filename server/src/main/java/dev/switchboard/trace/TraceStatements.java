package dev.switchboard.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The trace writer's batched statements for one transaction. */
final class TraceStatements implements AutoCloseable {
    private final PreparedStatement opened;
    private final PreparedStatement closed;
    private final PreparedStatement started;
    private final PreparedStatement progress;
    private final PreparedStatement ended;
    private final PreparedStatement dropped;
    private final PreparedStatement httpRead;
    private final PreparedStatement fanout;

    TraceStatements(Connection c) throws SQLException {
        opened = c.prepareStatement("INSERT INTO trace_connections (connection_id, node, user_id, device_id, app_version,"
                + " remote_ip, connected_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        closed = c.prepareStatement("UPDATE trace_connections SET disconnected_at = ?, close_code = ?, close_reason = ?"
                + " WHERE connection_id = ?");
        started = c.prepareStatement("INSERT INTO trace_memberships (membership_id, connection_id, room, epoch, joined_at,"
                + " join_head, recovered_from, snapshot_required, delivered_to, acked_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
        // acked_at moves only when the ack does (the right-hand sides read the row as it was).
        progress = c.prepareStatement("UPDATE trace_memberships SET delivered_to = ?, acked_to = ?,"
                + " acked_at = CASE WHEN ? > acked_to THEN ? ELSE acked_at END,"
                + " join_head = CASE WHEN join_head < 0 AND ? > 0 THEN ? ELSE join_head END WHERE membership_id = ?");
        ended = c.prepareStatement("UPDATE trace_memberships SET left_at = ?, delivered_to = ?, acked_to = ?,"
                + " acked_at = CASE WHEN ? > acked_to THEN ? ELSE acked_at END, left_reason = ? WHERE membership_id = ?");
        dropped = c.prepareStatement("INSERT INTO trace_drops (connection_id, room, from_offset, to_offset, reason, injected, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        httpRead = c.prepareStatement("INSERT INTO trace_http_reads (user_id, device_id, room, after_offset, up_to, at)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        fanout = c.prepareStatement("INSERT INTO trace_fanout (node, first_seq, last_seq, handed_at, lag_micros)"
                + " VALUES (?, ?, ?, ?, ?)");
    }

    /**
     * Inserts go before updates of the same batch (statements run in this order in {@link #execute}),
     * so a membership that started and ended within one batch is inserted, then updated.
     */
    void add(TraceRecord r) throws SQLException {
        if (r instanceof TraceRecord.ConnectionOpened o) {
            opened.setString(1, o.connectionId());
            opened.setString(2, o.node());
            opened.setString(3, o.userId());
            opened.setString(4, o.deviceId());
            opened.setString(5, o.appVersion());
            opened.setString(6, o.remoteIp());
            opened.setLong(7, o.at());
            opened.addBatch();
        } else if (r instanceof TraceRecord.ConnectionClosed k) {
            closed.setLong(1, k.at());
            closed.setInt(2, k.code());
            closed.setString(3, k.reason() == null ? null : k.reason().length() > 256 ? k.reason().substring(0, 256) : k.reason());
            closed.setString(4, k.connectionId());
            closed.addBatch();
        } else if (r instanceof TraceRecord.MembershipStarted m) {
            started.setString(1, m.membershipId());
            started.setString(2, m.connectionId());
            started.setString(3, m.room());
            started.setString(4, m.epoch());
            started.setLong(5, m.at());
            started.setLong(6, m.joinHead());
            TraceRecorder.setNullableLong(started, 7, m.recoveredFrom());
            started.setBoolean(8, m.snapshotRequired());
            started.setLong(9, m.joinHead());
            started.addBatch();
        } else if (r instanceof TraceRecord.MembershipProgress p) {
            progress.setLong(1, p.deliveredTo());
            progress.setLong(2, p.ackedTo());
            progress.setLong(3, p.ackedTo());
            progress.setLong(4, p.at());
            progress.setLong(5, p.firstLive());
            progress.setLong(6, p.firstLive() - 1);
            progress.setString(7, p.membershipId());
            progress.addBatch();
        } else if (r instanceof TraceRecord.MembershipEnded e) {
            ended.setLong(1, e.at());
            ended.setLong(2, e.deliveredTo());
            ended.setLong(3, e.ackedTo());
            ended.setLong(4, e.ackedTo());
            ended.setLong(5, e.at());
            ended.setString(6, e.reason());
            ended.setString(7, e.membershipId());
            ended.addBatch();
        } else if (r instanceof TraceRecord.Dropped d) {
            dropped.setString(1, d.connectionId());
            dropped.setString(2, d.room());
            dropped.setLong(3, d.fromOffset());
            dropped.setLong(4, d.toOffset());
            dropped.setString(5, d.reason());
            dropped.setBoolean(6, d.injected());
            dropped.setLong(7, d.at());
            dropped.addBatch();
        } else if (r instanceof TraceRecord.HttpRead h) {
            httpRead.setString(1, h.userId());
            httpRead.setString(2, h.deviceId());
            httpRead.setString(3, h.room());
            httpRead.setLong(4, h.afterOffset());
            httpRead.setLong(5, h.upTo());
            httpRead.setLong(6, h.at());
            httpRead.addBatch();
        } else if (r instanceof TraceRecord.FanoutHandoff f) {
            fanout.setString(1, f.node());
            fanout.setLong(2, f.firstSeq());
            fanout.setLong(3, f.lastSeq());
            fanout.setLong(4, f.at());
            fanout.setLong(5, f.lagMicros());
            fanout.addBatch();
        }
    }

    void execute() throws SQLException {
        opened.executeBatch();
        started.executeBatch();
        dropped.executeBatch();
        httpRead.executeBatch();
        fanout.executeBatch();
        progress.executeBatch();
        ended.executeBatch();
        closed.executeBatch();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : new PreparedStatement[]{opened, closed, started, progress, ended, dropped, httpRead, fanout}) {
            ps.close();
        }
    }
}
