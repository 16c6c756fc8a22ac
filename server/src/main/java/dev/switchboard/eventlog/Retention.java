package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Trims each room stream to its last {@code keep} events. Events themselves stay in {@code events}
 * (traces and snapshots still find them); only the replayable stream gets shorter, and a client whose
 * cursor falls before {@code first_offset} is told to take a snapshot. Runs on the writer thread.
 */
final class Retention {
    private final long keep;

    Retention(long keep) {
        this.keep = keep;
    }

    long keep() {
        return keep;
    }

    /** Returns how many rooms were trimmed; the caller commits. */
    int trim(Connection c) throws SQLException {
        if (keep <= 0) {
            return 0;
        }
        List<String> rooms = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT room, head, materialized_offset, first_offset FROM rooms WHERE head - first_offset + 1 > ?")) {
            ps.setLong(1, keep);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // Never trim past what room_resources holds: a snapshot needs the rest.
                    long first = Math.min(rs.getLong(2) - keep + 1, rs.getLong(3) + 1);
                    if (first > rs.getLong(4)) {
                        rooms.add(rs.getString(1));
                        firsts.add(first);
                    }
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM room_events WHERE room = ? AND room_offset < ?");
             PreparedStatement update = c.prepareStatement("UPDATE rooms SET first_offset = ? WHERE room = ?")) {
            for (int i = 0; i < rooms.size(); i++) {
                delete.setString(1, rooms.get(i));
                delete.setLong(2, firsts.get(i));
                delete.executeUpdate();
                update.setLong(1, firsts.get(i));
                update.setString(2, rooms.get(i));
                update.executeUpdate();
            }
        }
        return rooms.size();
    }
}
