package dev.switchboard.backup;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EpochRenewal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Restores a backup into an empty data folder, ready for {@code switchboard serve --data-dir}: the
 * database file is taken out of the zip, compacted, and given a new epoch ({@link EpochRenewal}), so
 * devices whose cursors come from the gateway that went on after the backup take a snapshot instead
 * of missing events. A folder that holds anything is refused (no log is ever overwritten), and a
 * failed restore leaves the folder as empty as it found it.
 */
public final class Restore {
    /** What was restored. */
    public record Restored(Path database, long bytes, EpochRenewal.Renewed epoch) {
    }

    private Restore() {
    }

    public static Restored into(Path dataDir, Path backupFile) throws BackupException {
        BackupArchive archive = BackupArchive.open(backupFile);
        boolean created = requireEmpty(dataDir);
        GatewayConfig config = GatewayConfig.from(Map.of(ConfigKey.DATA_DIR, dataDir.toString()));
        Path database = dataDir.resolve("switchboard.mv.db");
        try {
            long bytes = archive.extractTo(database);
            // IFEXISTS: a file H2 cannot find under that name must fail here, not become a new empty log.
            String url = config.jdbcUrl() + ";IFEXISTS=TRUE";
            compact(config, url, backupFile);
            EpochRenewal.Renewed renewed;
            try (Connection c = DriverManager.getConnection(url, config.dbUser(), config.dbPassword())) {
                renewed = EpochRenewal.renew(c);
                if (renewed == null) {
                    throw new BackupException(backupFile + " is not a Switchboard backup: it holds an H2 database"
                            + " without a Switchboard event log in it");
                }
                try (Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                }
            }
            return new Restored(database, bytes, renewed);
        } catch (BackupException | RuntimeException e) {
            emptyAgain(dataDir, created);
            throw e;
        } catch (SQLException e) {
            emptyAgain(dataDir, created);
            throw new BackupException("cannot restore " + backupFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The backup is a copy of a running log, and may hold the rows of a transaction that was in flight
     * when it was taken. H2 can open such a file with those rows still locked, and the first UPDATE of
     * one then never returns (the reason for UncleanStopRecovery); a compaction rewrites the file from
     * its committed state. It also proves the file is an H2 database before anything is changed in it.
     */
    private static void compact(GatewayConfig config, String url, Path backupFile) throws BackupException {
        try (Connection c = DriverManager.getConnection(url, config.dbUser(), config.dbPassword()); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new BackupException(backupFile + " is not a Switchboard backup: the database in it cannot be opened ("
                    + e.getMessage() + ")", e);
        }
    }

    /** True when the folder had to be created. */
    private static boolean requireEmpty(Path dataDir) throws BackupException {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new BackupException(dataDir + " is a file; restore needs an empty or new folder");
        }
        if (Files.isDirectory(dataDir)) {
            List<String> present;
            try (Stream<Path> entries = Files.list(dataDir)) {
                present = entries.map(p -> p.getFileName().toString()).sorted().limit(4).toList();
            } catch (IOException e) {
                throw new BackupException("cannot read " + dataDir + ": " + e.getMessage(), e);
            }
            if (!present.isEmpty()) {
                throw new BackupException(dataDir + " is not empty (it holds " + String.join(", ", present)
                        + (present.size() == 4 ? ", ..." : "") + "). Restore only into an empty or new folder, so that"
                        + " no event log is overwritten; then point data.dir at it.");
            }
            return false;
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new BackupException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Removes what a failed restore wrote: the folder was empty (or absent) before. */
    private static void emptyAgain(Path dataDir, boolean created) {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> created || !p.equals(dataDir)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the error the operator sees is the restore's own.
        }
    }
}
