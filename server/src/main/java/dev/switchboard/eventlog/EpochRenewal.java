package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Gives a log a new epoch: the log's own ({@code log_meta}, which rooms created later take) and every
 * room stream's. A restored backup needs one: its streams end where the backup was taken, while
 * devices may hold cursors from the gateway that went on after it. With the old epoch such a device
 * would rejoin at an offset the restored log reaches again only with different events, and miss them
 * silently; with a new one every device is told to take a snapshot ({@code snapshotRequired}).
 */
public final class EpochRenewal {
    /** The epochs before and after. */
    public record Renewed(String previous, String epoch, int rooms) {
    }

    private EpochRenewal() {
    }

    /** Renews the epoch in one transaction on {@code c}; null when {@code c} holds no Switchboard log. */
    public static Renewed renew(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String previous = previousEpoch(c);
            if (previous == null) {
                c.rollback();
                return null;
            }
            String epoch = Database.newEpoch();
            int rooms;
            try (PreparedStatement meta = c.prepareStatement("UPDATE log_meta SET epoch = ? WHERE id = 1");
                 PreparedStatement streams = c.prepareStatement("UPDATE rooms SET epoch = ?")) {
                meta.setString(1, epoch);
                meta.executeUpdate();
                streams.setString(1, epoch);
                rooms = streams.executeUpdate();
            }
            c.commit();
            return new Renewed(previous, epoch, rooms);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String previousEpoch(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "LOG_META", null)) {
            if (!tables.next()) {
                return null;
            }
        }
        return Database.readEpoch(c);
    }
}
