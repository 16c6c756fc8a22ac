package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How much disk the log takes. On H2 the MVStore reports its file size and the share of it that its
 * chunks still use ({@code info.CHUNKS_FILL_RATE}): deleted rows leave dead space that is reused, or
 * given back by compaction ({@link FileCompaction}), so the live bytes are what a size bound compares
 * with. On PostgreSQL it is the database's size, dead tuples included (autovacuum makes them reusable).
 * The trace and audit tables share the store and count too.
 */
final class StoreSize {
    private final boolean h2;

    StoreSize(boolean h2) {
        this.h2 = h2;
    }

    boolean h2() {
        return h2;
    }

    /** Bytes of the store that hold data still in use; 0 when the store does not say (an in-memory H2). */
    long liveBytes(Connection c) throws SQLException {
        if (!h2) {
            return fileBytes(c);
        }
        return fileBytes(c) * h2Setting(c, "info.CHUNKS_FILL_RATE") / 100;
    }

    /** The store's size on disk. */
    long fileBytes(Connection c) throws SQLException {
        if (!h2) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_database_size(current_database())");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
        return h2Setting(c, "info.FILE_SIZE");
    }

    private static long h2Setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1).trim()) : 0;
            }
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
