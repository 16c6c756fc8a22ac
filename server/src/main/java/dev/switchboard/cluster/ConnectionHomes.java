package dev.switchboard.cluster;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Which node holds an open connection, from the delivery trace's connection records in the shared
 * database ({@code trace_connections}: each node records its connections as they open and close).
 * With tracing off nothing is recorded and no node is known. Thread-safe.
 */
public final class ConnectionHomes {
    private final DataSource dataSource;

    public ConnectionHomes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The node of the open connection {@code connectionId}, or empty when none is recorded open. */
    public Optional<String> nodeOf(String connectionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT node FROM trace_connections WHERE connection_id = ? AND disconnected_at IS NULL")) {
            ps.setString(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
