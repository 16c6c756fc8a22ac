package dev.switchboard.eventlog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads committed events by seq, for a node that delivers what other nodes of a shared log committed.
 * On a shared log seqs become visible in order (see {@link SharedLog}: a writer's commit is visible
 * before the next writer can take seqs), so reading after the last seq delivered never skips one that
 * commits later.
 *
 * <p>Every room stream of a log has the log's epoch (rooms take it when created; a renewal changes all
 * at once, offline), so the events read here carry it. Thread-safe (each call borrows a connection).
 */
public final class LogTail {
    /** A committed event and when its transaction committed (wall clock, milliseconds). */
    public record Committed(StoredEvent event, long committedAtMillis) {
    }

    private final DataSource dataSource;
    private final String epoch;

    public LogTail(Database database) {
        this.dataSource = database.dataSource();
        this.epoch = database.epoch();
    }

    /** The log's epoch, which every room stream has. */
    public String epoch() {
        return epoch;
    }

    /** The highest seq committed, 0 for an empty log. */
    public long lastSeq() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Up to {@code limit} events with a seq above {@code seq}, in seq order. */
    public List<Committed> after(long seq, int limit) throws SQLException {
        List<Committed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + EventRows.COLUMNS + ", e.committed_at FROM events e"
                     + " WHERE e.seq > ? ORDER BY e.seq LIMIT ?")) {
            ps.setLong(1, seq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<RoomPosition> rooms = new ArrayList<>();
                    for (RoomPosition p : EventRows.roomOffsets(rs, 1)) {
                        rooms.add(new RoomPosition(p.room(), epoch, p.offset()));
                    }
                    out.add(new Committed(new StoredEvent(EventRows.event(rs, 1), rooms), rs.getLong(11)));
                }
            }
        }
        return out;
    }
}
