package dev.switchboard.eventlog;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Gives the disk back after retention deleted rows from the embedded H2 file.
 *
 * <p>Why this way (measured, H2 2.5.252): deleted rows only leave dead space inside the MVStore file;
 * it is reused, but the file does not shrink while the database is open. H2 2.x no longer compacts an
 * idle store by itself ({@code h2database#3848}), {@code CHECKPOINT SYNC} does not shrink it, and
 * {@code SHUTDOWN COMPACT} and {@code MAX_COMPACT_TIME} act only at close. The store's own
 * {@code compactFile(maxMillis)} moves live chunks down and truncates the file on a live database
 * (H2's maintainer: safe concurrently with writes, which wait meanwhile; h2database#1835): a 96 MB
 * file with 4 % live data went to 4.4 MB in 110 ms. There is no SQL for it, so it is reached through
 * the embedded session. It runs on the writer thread, so no publish commits meanwhile.
 */
final class FileCompaction {
    private FileCompaction() {
    }

    /** Compacts for at most {@code max}; false when the connection is not to an embedded H2 file. */
    static boolean compact(Connection c, Duration max) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return false;
        }
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local) || local.getDatabase().getStore() == null
                || !local.getDatabase().isPersistent()) {
            return false;
        }
        local.getDatabase().getStore().compactFile((int) Math.min(Integer.MAX_VALUE, max.toMillis()));
        return true;
    }
}
