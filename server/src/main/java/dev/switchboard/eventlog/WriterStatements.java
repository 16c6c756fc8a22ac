package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The writer's prepared statements, prepared once on its own connection and reused for every batch
 * (re-parsing a dozen statements per batch was measurable at thousands of batches a second).
 * Owned by the writer thread.
 */
final class WriterStatements implements AutoCloseable {
    final Connection connection;
    final PreparedStatement lockSeq;
    final PreparedStatement updateSeq;
    final PreparedStatement eventById;
    final PreparedStatement resourceForUpdate;
    final PreparedStatement roomForUpdate;
    final PreparedStatement insertEvent;
    final PreparedStatement insertRoomEvent;
    final PreparedStatement insertResource;
    final PreparedStatement updateResource;
    final PreparedStatement insertRoom;
    final PreparedStatement updateRoomHead;
    final PreparedStatement updateRoomResource;
    final PreparedStatement insertRoomResource;

    WriterStatements(Connection c) throws SQLException {
        this.connection = c;
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        lockSeq = c.prepareStatement("SELECT counter_value FROM log_counters WHERE counter_name = 'seq' FOR UPDATE");
        updateSeq = c.prepareStatement("UPDATE log_counters SET counter_value = ? WHERE counter_name = 'seq'");
        eventById = c.prepareStatement("SELECT " + EventRows.COLUMNS + " FROM events e WHERE e.event_id = ?");
        resourceForUpdate = c.prepareStatement("SELECT version FROM resources WHERE resource_id = ? FOR UPDATE");
        roomForUpdate = c.prepareStatement("SELECT epoch, head FROM rooms WHERE room = ? FOR UPDATE");
        insertEvent = c.prepareStatement("INSERT INTO events (seq, event_id, type, resource_id, version, occurred_at,"
                + " actor_id, payload, content_hash, room_offsets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertRoomEvent = c.prepareStatement("INSERT INTO room_events (room, room_offset, seq) VALUES (?, ?, ?)");
        insertResource = c.prepareStatement("INSERT INTO resources (resource_id, version, last_seq) VALUES (?, ?, ?)");
        updateResource = c.prepareStatement("UPDATE resources SET version = ?, last_seq = ? WHERE resource_id = ?");
        insertRoom = c.prepareStatement("INSERT INTO rooms (room, epoch, head, first_offset, created_at) VALUES (?, ?, ?, 1, ?)");
        updateRoomHead = c.prepareStatement("UPDATE rooms SET head = ? WHERE room = ?");
        updateRoomResource = c.prepareStatement("UPDATE room_resources SET version = ?, room_offset = ?, seq = ?"
                + " WHERE room = ? AND resource_id = ?");
        insertRoomResource = c.prepareStatement("INSERT INTO room_resources (room, resource_id, version, room_offset, seq)"
                + " VALUES (?, ?, ?, ?, ?)");
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
