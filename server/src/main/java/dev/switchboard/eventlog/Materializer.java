package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /** Binds one row's parameters to a statement. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    static void materialize(Connection c, WriterState.Slice slice) throws SQLException {
        upsert(c, "UPDATE resources SET version = ?, last_seq = ? WHERE resource_id = ?",
                "INSERT INTO resources (resource_id, version, last_seq) VALUES (?, ?, ?)",
                slice.resources(),
                (ps, e) -> {
                    ps.setLong(1, e.getValue().version());
                    ps.setLong(2, e.getValue().lastSeq());
                    ps.setString(3, e.getKey());
                },
                (ps, e) -> {
                    ps.setString(1, e.getKey());
                    ps.setLong(2, e.getValue().version());
                    ps.setLong(3, e.getValue().lastSeq());
                });
        upsert(c, "UPDATE room_resources SET version = ?, room_offset = ?, seq = ? WHERE room = ? AND resource_id = ?",
                "INSERT INTO room_resources (room, resource_id, version, room_offset, seq) VALUES (?, ?, ?, ?, ?)",
                slice.roomResources(),
                (ps, t) -> {
                    ps.setLong(1, t.version());
                    ps.setLong(2, t.offset());
                    ps.setLong(3, t.seq());
                    ps.setString(4, t.room());
                    ps.setString(5, t.resourceId());
                },
                (ps, t) -> {
                    ps.setString(1, t.room());
                    ps.setString(2, t.resourceId());
                    ps.setLong(3, t.version());
                    ps.setLong(4, t.offset());
                    ps.setLong(5, t.seq());
                });
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

    /**
     * Portable upsert (H2 and PostgreSQL spell MERGE differently): update every row as a batch, then
     * insert the rows no update matched.
     */
    private static <T> void upsert(Connection c, String updateSql, String insertSql, List<T> rows,
                                   Binder<T> bindUpdate, Binder<T> bindInsert) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement(updateSql);
             PreparedStatement insert = c.prepareStatement(insertSql)) {
            for (T row : rows) {
                bindUpdate.bind(update, row);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            boolean any = false;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    bindInsert.bind(insert, rows.get(i));
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }
}
