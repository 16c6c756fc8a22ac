package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The write lock of a log several nodes share: the {@code log_counters.materialized_seq} row, locked
 * with {@code SELECT ... FOR UPDATE} in the caller's transaction until its commit or rollback. Every
 * writer transaction takes it ({@link SharedLog}), and so does anything that needs ids visible in the
 * order they were taken (the cluster's commands).
 */
public final class LogWriteLock {
    private LogWriteLock() {
    }

    /** Takes the lock in {@code c}'s transaction and returns {@code materialized_seq}. */
    public static long take(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT counter_value FROM log_counters WHERE counter_name = 'materialized_seq' FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("log_counters has no materialized_seq row: the schema is damaged");
            }
            return rs.getLong(1);
        }
    }
}
