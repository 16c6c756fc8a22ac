package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same migrations and event log on the real PostgreSQL of this machine (127.0.0.1:5432, database
 * {@code test}), each run in a schema of its own that is dropped afterwards. {@code .ci/run} starts
 * PostgreSQL when it is not running.
 */
class PostgresEventLogTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";

    private final String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private Map<ConfigKey, String> postgres() {
        return Map.of(ConfigKey.DB_URL, SERVER + "?currentSchema=" + schema, ConfigKey.DB_USER, USER,
                ConfigKey.LOG_MATERIALIZE_EVERY, "3");
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
    void aSecondNodeOnTheSameDatabaseIsRefusedAtStart(@TempDir Path a, @TempDir Path b) {
        try (TestGateway first = TestGateway.start(a, postgres())) {
            assertThatThrownBy(() -> TestGateway.start(b, postgres()))
                    .isInstanceOf(EventLogException.class)
                    .hasMessageContaining("another gateway node");
            assertThat(first.service.publish(event("doc.title.set", "doc:9", List.of("project:pg"), Json.object())).status())
                    .isEqualTo(201);
        }
    }
}
