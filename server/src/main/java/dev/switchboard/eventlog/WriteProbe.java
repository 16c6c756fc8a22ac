package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Finds out whether the log can be written again after a failed write (a full disk, a lost database):
 * it writes and commits one small row, {@code log_counters.writer_probe}, holding the time of the
 * probe. A read would not do: on a full disk reads keep working while every commit fails. Runs on
 * the writer thread, on the writer's connection, only while the writer is unhealthy.
 */
final class WriteProbe {
    private static final String NAME = "writer_probe";

    private WriteProbe() {
    }

    /** Writes and commits the probe row; throws when the store still cannot write. */
    static void write(Connection c, long nowMillis) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE log_counters SET counter_value = ? WHERE counter_name = ?")) {
            ps.setLong(1, nowMillis);
            ps.setString(2, NAME);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO log_counters (counter_name, counter_value) VALUES (?, ?)")) {
                ps.setString(1, NAME);
                ps.setLong(2, nowMillis);
                ps.executeUpdate();
            }
        }
        c.commit();
    }
}
