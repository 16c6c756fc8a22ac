package dev.switchboard.eventlog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.config.GatewayConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import java.io.IOException;

/**
 * The event log's database: a connection pool, the schema migrated by Flyway at start, and the log's
 * epoch. The same migrations run on the embedded H2 file and on PostgreSQL.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final String epoch;
    private final boolean h2;
    /** See {@link UncleanStopRecovery}; null unless the log is the default H2 file. */
    private final Path runMarker;

    private Database(HikariDataSource dataSource, String epoch, boolean h2, Path runMarker) {
        this.runMarker = runMarker;
        this.dataSource = dataSource;
        this.epoch = epoch;
        this.h2 = h2;
    }

    public static Database open(GatewayConfig config, Clock clock) {
        if (config.dbUrl() == null) {
            Path dir = config.dataDir();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw EventLogException.unavailable("data.dir: cannot create " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        Path runMarker = UncleanStopRecovery.beforeOpen(config);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl());
        hc.setUsername(config.dbUser());
        hc.setPassword(config.dbPassword());
        // +1: the writer keeps one connection for itself.
        hc.setMaximumPoolSize(config.dbPoolSize() + 1);
        hc.setPoolName("eventlog");
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw EventLogException.unavailable("cannot open the event log at " + config.describe() + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            String epoch = ensureEpoch(ds, clock);
            log.info("event log ready: {} epoch={}", config.embeddedDatabase() ? "h2" : "postgresql", epoch);
            return new Database(ds, epoch, config.embeddedDatabase(), runMarker);
        } catch (RuntimeException | SQLException e) {
            ds.close();
            throw EventLogException.unavailable("cannot prepare the event log: " + rootMessage(e), e);
        }
    }

    private static String ensureEpoch(DataSource ds, Clock clock) throws SQLException {
        try (Connection c = ds.getConnection()) {
            String existing = readEpoch(c);
            if (existing != null) {
                return existing;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_meta (id, epoch, created_at) VALUES (1, ?, ?)")) {
                ps.setString(1, newEpoch());
                ps.setLong(2, clock.millis());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!SqlStates.isDuplicateKey(e)) {
                    throw e;
                }
                // Another node created it first: take theirs.
            }
            return readEpoch(c);
        }
    }

    /** A fresh epoch: no client can hold it yet. */
    static String newEpoch() {
        return UUID.randomUUID().toString().substring(0, 13);
    }

    static String readEpoch(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch FROM log_meta WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The epoch every room stream of this log starts with. */
    public String epoch() {
        return epoch;
    }

    /**
     * Retires every pooled connection: idle ones now, borrowed ones when they are given back. After a
     * failed write H2 closes the database, and its old connections keep answering "The database has
     * been closed" while still passing the pool's validity check; new connections open the file
     * again once it can be written.
     */
    void renewConnections() {
        var pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }

    /**
     * What to add after a string in SQL so that it compares as Java's {@code String} order does (for
     * the ASCII of resource ids): H2 already compares that way; PostgreSQL compares by the database's
     * locale (en_US puts "a-b" after "ab"), so it is told to use byte order. Snapshot pages depend on
     * it: their cursor is compared in SQL and their candidates are merged in Java.
     */
    String binaryCollation() {
        return h2 ? "" : " COLLATE \"C\"";
    }

    /**
     * True when several gateway nodes may write this log at once: PostgreSQL. Their writers take turns
     * ({@link SharedLog}). An H2 file admits one process.
     */
    public boolean shared() {
        return !h2;
    }

    /** True for an H2 database (the embedded file or an explicit jdbc:h2: URL), false for PostgreSQL. */
    boolean h2() {
        return h2;
    }

    /** True when a connection answers a trivial query within the timeout. */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (h2) {
            // Compact and close the file cleanly so the next start does not need recovery. When much of
            // the file is dead space (retention deleted rows that live compaction could not give back,
            // see FileCompaction), the file is rewritten: SHUTDOWN COMPACT is the one way that always does.
            boolean compacted = false;
            try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
                StoreSize size = new StoreSize(true);
                long file = size.fileBytes(c);
                long dead = file - size.liveBytes(c);
                if (runMarker != null && dead > Math.max(file / 5, 1 << 20)) {
                    long started = System.nanoTime();
                    st.execute("SHUTDOWN COMPACT");
                    compacted = true;
                    log.info("event log: compacted at close, {} of {} bytes were dead space ({} ms)", dead, file,
                            (System.nanoTime() - started) / 1_000_000);
                } else {
                    st.execute("CHECKPOINT SYNC");
                }
            } catch (SQLException e) {
                if (!compacted) { // after SHUTDOWN COMPACT the pooled connection cannot roll back: expected
                    log.warn("event log checkpoint at close failed: {}", e.getMessage());
                }
            }
        }
        dataSource.close();
        UncleanStopRecovery.closedCleanly(runMarker);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
