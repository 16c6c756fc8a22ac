package dev.switchboard.eventlog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The statements of the publish path, prepared once on the writer's connection and reused for every
 * group commit. Owned by the writer thread.
 */
final class WriterStatements implements AutoCloseable {
    final Connection connection;
    final PreparedStatement eventById;
    final PreparedStatement insertEvent;
    final PreparedStatement insertRoomEvent;
    final PreparedStatement insertRoom;
    final PreparedStatement updateRoomHead;

    /**
     * Borrows a connection and prepares the statements on it. When that fails (a store that cannot
     * write any more fails already at {@code setTransactionIsolation}), the connection goes back to
     * the pool: keeping it would leak one pooled connection per failed retry until none is left.
     */
    static WriterStatements open(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            return new WriterStatements(c);
        } catch (SQLException | RuntimeException | Error e) {
            Pooled.closeAfterFailure(c, e);
            throw e;
        }
    }

    private WriterStatements(Connection c) throws SQLException {
        this.connection = c;
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        eventById = c.prepareStatement("SELECT " + EventRows.COLUMNS + " FROM events e WHERE e.event_id = ?");
        insertEvent = c.prepareStatement("INSERT INTO events (seq, event_id, type, resource_id, version, occurred_at,"
                + " actor_id, payload, content_hash, room_offsets, received_at, committed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertRoomEvent = c.prepareStatement("INSERT INTO room_events (room, room_offset, seq) VALUES (?, ?, ?)");
        insertRoom = c.prepareStatement("INSERT INTO rooms (room, epoch, head, first_offset, materialized_offset,"
                + " created_at) VALUES (?, ?, ?, 1, 0, ?)");
        updateRoomHead = c.prepareStatement("UPDATE rooms SET head = ? WHERE room = ?");
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The connection is being thrown away; its statements go with it.
        }
    }
}
