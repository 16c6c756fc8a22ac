package dev.switchboard.eventlog;

import dev.switchboard.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Recovers the embedded H2 file after the gateway was stopped uncleanly (kill -9, power loss).
 * H2 2.x can reopen such a file with a row still locked by a transaction of the dead process; the
 * first UPDATE of that row then spins forever inside H2 ({@code TransactionMap.set}): a restarted
 * gateway hung at 100 % CPU while folding the tail (CrashDurabilityTest, and reproduced on a copy of
 * that file; the same UPDATE ran at once after compaction). Compacting the file ({@code SHUTDOWN
 * COMPACT}) rewrites it from its committed state without that lock.
 *
 * <p>While the gateway runs, a marker file sits next to the database; a clean close removes it. A
 * marker found at start means the last run did not close cleanly, and the file is compacted before
 * anything else opens it. The cost is one rewrite of the file, only after a crash.
 *
 * <p>Only for the default H2 file in {@code data.dir}; PostgreSQL and explicit {@code db.url}s are left alone.
 */
final class UncleanStopRecovery {
    private static final Logger log = LoggerFactory.getLogger(UncleanStopRecovery.class);
    static final String MARKER = "switchboard.running";
    static final String DATABASE_FILE = "switchboard.mv.db";

    private UncleanStopRecovery() {
    }

    /** The marker of this run, or null when the database is not the default H2 file. */
    static Path beforeOpen(GatewayConfig config) {
        if (config.dbUrl() != null) {
            return null;
        }
        Path dir = config.dataDir();
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker) && Files.exists(dir.resolve(DATABASE_FILE))) {
            long started = System.nanoTime();
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
                 Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                throw EventLogException.unavailable("the event log was not closed cleanly and could not be compacted: "
                        + Database.rootMessage(e), e);
            }
            log.warn("the last run did not close the event log cleanly; compacted {} in {} ms", dir.resolve(DATABASE_FILE),
                    (System.nanoTime() - started) / 1_000_000);
        }
        try {
            Files.writeString(marker, "gateway pid " + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw EventLogException.unavailable("data.dir: cannot write " + marker + ": " + e.getMessage(), e);
        }
        return marker;
    }

    /** After the database closed cleanly: the next start needs no recovery. */
    static void closedCleanly(Path marker) {
        if (marker == null) {
            return;
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            log.warn("could not remove {}: the next start compacts the event log once more", marker);
        }
    }
}
