package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds the tail of the log into {@code resources} and {@code room_resources}, in bulk.
 *
 * <p>Why not on every publish: those two tables are updated at random keys, and the copy-on-write
 * store rewrites every page a commit touches. Keeping them current per group commit made a publish
 * cost several times more than appending the event itself; folding thousands of events at once
 * touches each page once. Snapshots stay exact because readers add the tail ({@link RoomReader}).
 *
 * <p>It folds a {@link WriterState.Slice} at a time, so that publishes never wait for more than one
 * slice. Runs on the writer thread; the caller commits and then calls
 * {@link WriterState#sliceMaterialized}.
 */
final class Materializer {
    private Materializer() {
    }

    static void materialize(Connection c, WriterState.Slice slice) throws SQLException {
        List<Map.Entry<String, WriterState.ResourceTip>> resources = slice.resources();
        try (PreparedStatement update = c.prepareStatement("UPDATE resources SET version = ?, last_seq = ? WHERE resource_id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO resources (resource_id, version, last_seq) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, WriterState.ResourceTip> e : resources) {
                update.setLong(1, e.getValue().version());
                update.setLong(2, e.getValue().lastSeq());
                update.setString(3, e.getKey());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            boolean any = false;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    Map.Entry<String, WriterState.ResourceTip> e = resources.get(i);
                    insert.setString(1, e.getKey());
                    insert.setLong(2, e.getValue().version());
                    insert.setLong(3, e.getValue().lastSeq());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
        List<WriterState.RoomResourceTip> roomResources = slice.roomResources();
        try (PreparedStatement update = c.prepareStatement("UPDATE room_resources SET version = ?, room_offset = ?, seq = ?"
                + " WHERE room = ? AND resource_id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO room_resources (room, resource_id, version,"
                     + " room_offset, seq) VALUES (?, ?, ?, ?, ?)")) {
            for (WriterState.RoomResourceTip t : roomResources) {
                update.setLong(1, t.version());
                update.setLong(2, t.offset());
                update.setLong(3, t.seq());
                update.setString(4, t.room());
                update.setString(5, t.resourceId());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            boolean any = false;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    WriterState.RoomResourceTip t = roomResources.get(i);
                    insert.setString(1, t.room());
                    insert.setString(2, t.resourceId());
                    insert.setLong(3, t.version());
                    insert.setLong(4, t.offset());
                    insert.setLong(5, t.seq());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE rooms SET materialized_offset = ? WHERE room = ?")) {
            for (Map.Entry<String, Long> e : slice.roomOffsets().entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setString(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE log_counters SET counter_value = ? WHERE counter_name = 'materialized_seq'")) {
            ps.setLong(1, slice.materializedSeqAfter());
            ps.executeUpdate();
        }
    }
}
