package dev.switchboard.backup;

import dev.switchboard.config.GatewayConfig;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Copies the running gateway's H2 event log into a zip with H2's {@code BACKUP TO}, while publishes
 * go on. H2 first writes every committed change to the file, then stops reusing free space in it and
 * copies it: the writer keeps appending, and nothing the copy has not read yet is overwritten. The
 * copy therefore holds every commit made before the backup began (so every publish answered 201
 * before then), and possibly some made during it, as a crash at that moment would have left the file
 * (docs/event-log.md, "Backup and restore"). The writer is not stopped: its commits wait at most for
 * H2's flush at the start (195 ms at worst, measured on an 84 MB log). The backup takes one pooled
 * connection for its duration.
 *
 * <p>The zip is written into {@code data.dir} first (the only folder the gateway may write to when
 * it runs sandboxed) and streamed to the caller from there; one backup at a time.
 */
final class OnlineBackup {
    /** Not a name H2 takes for one of its own files ({@code switchboard.*.db}) in that folder. */
    static final String STAGING_FILE = "backup-in-progress.zip";

    private final DataSource dataSource;
    private final GatewayConfig config;

    OnlineBackup(DataSource dataSource, GatewayConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Why this node cannot back up its log, or null when it can. */
    String unsupported() {
        if (!config.embeddedDatabase()) {
            return "the event log is on PostgreSQL, which this command does not back up: use pg_dump"
                    + " (docs/event-log.md, \"Backup and restore\")";
        }
        if (config.jdbcUrl().startsWith("jdbc:h2:mem:")) {
            return "the event log is an in-memory H2 database (db.url " + config.jdbcUrl() + "); there is no file to back up";
        }
        return null;
    }

    /** Writes the zip and answers its path; the caller deletes it when done with it. */
    Path write() throws BackupException {
        Path staging = config.dataDir().toAbsolutePath().normalize().resolve(STAGING_FILE);
        try {
            Files.createDirectories(staging.getParent());
            // A gateway stopped during a backup leaves its staging file; it holds nothing worth keeping.
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            throw new BackupException("cannot prepare " + staging + ": " + e.getMessage(), e);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("BACKUP TO ?")) {
            ps.setString(1, staging.toString());
            ps.executeUpdate();
            return staging;
        } catch (SQLException e) {
            deleteQuietly(staging);
            throw new BackupException("the event log could not be copied: " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The next backup deletes it before it starts.
        }
    }
}
