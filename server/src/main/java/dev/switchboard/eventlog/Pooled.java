package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Giving a pooled connection back when setting it up failed. A connection borrowed outside a
 * try-with-resources block must be closed on every failure path, or the pool runs dry: after a full
 * disk every retry leaked one, and the node answered "Connection is not available" until restarted.
 */
final class Pooled {
    private Pooled() {
    }

    /** Closes {@code c}; a failure to close is added to {@code failure}, which the caller rethrows. */
    static void closeAfterFailure(Connection c, Throwable failure) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
