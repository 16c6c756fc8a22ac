package dev.switchboard.eventlog;

import dev.switchboard.model.event.Event;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads room streams for recovery and snapshots. Each read runs in one REPEATABLE READ transaction so
 * the head, the events and the snapshot's resources are one consistent picture even while the writer
 * commits. Thread-safe: each call borrows its own pooled connection.
 */
public final class RoomReader {
    private final DataSource dataSource;
    private final String logEpoch;
    /** See {@link Database#binaryCollation()}. */
    private final String binaryCollation;

    RoomReader(DataSource dataSource, String logEpoch, String binaryCollation) {
        this.dataSource = dataSource;
        this.logEpoch = logEpoch;
        this.binaryCollation = binaryCollation;
    }

    /** A room's stream bounds; a room nobody published to has the log's epoch and head 0. */
    public record StreamHead(String epoch, long head, long firstOffset, long materializedOffset) {
    }

    public RoomPage page(String room, long after, String epoch, int limit) {
        try (Connection c = readConnection()) {
            StreamHead head = head(c, room);
            RoomPage page;
            if ((epoch != null && !epoch.equals(head.epoch())) || after < head.firstOffset() - 1) {
                page = new RoomPage(room, head.epoch(), head.head(), List.of(), after, head.head() > after, true);
            } else {
                List<RoomPage.Entry> events = after >= head.head() ? List.of() : events(c, room, after, limit);
                long next = events.isEmpty() ? after : events.get(events.size() - 1).offset();
                page = new RoomPage(room, head.epoch(), head.head(), events, next, next < head.head(), false);
            }
            c.commit();
            return page;
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read room " + room + ": " + e.getMessage(), e);
        }
    }

    /** A room's current epoch and head, for a join that does not recover. */
    public StreamHead head(String room) {
        try (Connection c = readConnection()) {
            StreamHead head = head(c, room);
            c.commit();
            return head;
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read room " + room + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a join with {@code after} replays (PROTOCOL.md §4): every event after {@code after} up to
     * the head, read in one snapshot with that head, or nothing and {@code snapshotRequired} when the
     * epoch differs, the gap is over {@code maxReplay}, {@code after} is no longer retained, or it lies
     * beyond the head (a client ahead of the log has a history this log never had).
     */
    public Recovery recover(String room, String epoch, long after, int maxReplay) {
        try (Connection c = readConnection()) {
            StreamHead head = head(c, room);
            Recovery recovery;
            if (!head.epoch().equals(epoch) || after > head.head() || head.head() - after > maxReplay
                    || after < head.firstOffset() - 1) {
                recovery = new Recovery(head.epoch(), head.head(), List.of(), true);
            } else {
                recovery = new Recovery(head.epoch(), head.head(),
                        after == head.head() ? List.of() : events(c, room, after, maxReplay), false);
            }
            c.commit();
            return recovery;
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read room " + room + ": " + e.getMessage(), e);
        }
    }

    /** The result of {@link #recover}: the events after the client's offset up to {@code head}, in order. */
    public record Recovery(String epoch, long head, List<RoomPage.Entry> events, boolean snapshotRequired) {
    }

    /**
     * One bounded page of the room's snapshot: at most {@code limit} resources after {@code after}
     * (a resource id; "" from the start), in id order, stopping before {@code maxBytes} of payload
     * unless the first resource alone is larger. Read in one transaction, at the head it reports.
     */
    public SnapshotPage snapshotPage(String room, String after, int limit, long maxBytes) {
        try (Connection c = readConnection()) {
            SnapshotPage page = SnapshotPageQuery.read(c, binaryCollation, room, head(c, room), after, limit,
                    maxBytes);
            c.commit();
            return page;
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read room " + room + ": " + e.getMessage(), e);
        }
    }

    private Connection readConnection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            return c;
        } catch (SQLException | RuntimeException | Error e) {
            Pooled.closeAfterFailure(c, e); // not yet in the caller's try-with-resources
            throw e;
        }
    }

    private StreamHead head(Connection c, String room) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT epoch, head, first_offset, materialized_offset FROM rooms WHERE room = ?")) {
            ps.setString(1, room);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StreamHead(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))
                        : new StreamHead(logEpoch, 0, 1, 0);
            }
        }
    }

    private static List<RoomPage.Entry> events(Connection c, String room, long after, int limit) throws SQLException {
        List<RoomPage.Entry> events = new ArrayList<>(Math.min(limit, 64));
        try (PreparedStatement ps = c.prepareStatement("SELECT re.room_offset, " + EventRows.COLUMNS
                + " FROM room_events re JOIN events e ON e.seq = re.seq"
                + " WHERE re.room = ? AND re.room_offset > ? ORDER BY re.room_offset LIMIT ?")) {
            ps.setString(1, room);
            ps.setLong(2, after);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Event event = EventRows.event(rs, 2);
                    events.add(new RoomPage.Entry(rs.getLong(1), event));
                }
            }
        }
        return events;
    }
}
