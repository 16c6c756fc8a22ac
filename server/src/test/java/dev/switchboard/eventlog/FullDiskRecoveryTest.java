package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 4: a full disk must not leave the node broken once space returns. The H2 file sits
 * on {@link FullDiskFilePath}, whose writes fail with "No space left on device" while it is switched on.
 */
class FullDiskRecoveryTest {
    private static final String ROOM = "doc:full";

    @TempDir
    Path dir;

    @AfterEach
    void spaceReturns() {
        FullDiskFilePath.full(false);
    }

    @Test
    void theNodeRecoversByItselfWhenSpaceReturnsAndNothingHalfWrittenShows() {
        try (TestGateway gw = TestGateway.start(dir, Map.of(ConfigKey.DB_URL,
                FullDiskFilePath.jdbcUrl(dir.resolve("switchboard")), ConfigKey.DB_POOL_SIZE, "4"))) {
            Api api = gw.service();
            for (int i = 1; i <= 3; i++) {
                assertThat(api.publish(event("doc.line.set", ROOM + "/line:" + i, List.of(ROOM),
                        Json.object().put("n", i)).put("id", "before-" + i)).status()).isEqualTo(201);
            }

            FullDiskFilePath.full(true);
            // More failed publishes than the pool has connections: each one used to leak a connection.
            for (int i = 1; i <= 12; i++) {
                Api.Response r = api.publish(event("doc.line.set", ROOM + "/line:9", List.of(ROOM),
                        Json.object().put("n", 100 + i)).put("id", "during-" + i));
                assertThat(r.status()).as("publish on a full disk: %s", r).isEqualTo(503);
                assertThat(r.error()).isEqualTo("unavailable");
            }
            Await.until("readiness reports the broken log", () -> api.get("/health/ready").status() == 503);
            List<Api.Response> reads = new ArrayList<>();
            reads.add(api.get("/api/rooms/" + ROOM + "/events?after=0"));
            reads.add(api.get("/api/rooms/" + ROOM + "/snapshot"));
            for (Api.Response r : reads) {
                // Reads may still work on a full disk; when they cannot, they say why, never "internal".
                assertThat(r.status()).as("room read on a full disk: %s", r).isIn(200, 503);
                if (r.status() == 503) {
                    assertThat(r.error()).isEqualTo("unavailable");
                }
            }

            FullDiskFilePath.full(false);
            // Nobody publishes: the node must find out by itself that it can write again.
            Await.until("ready again once space returned", Duration.ofSeconds(20),
                    () -> api.get("/health/ready").status() == 200);
            Api.Response after = api.publish(event("doc.line.set", ROOM + "/line:4", List.of(ROOM),
                    Json.object().put("n", 4)).put("id", "after-1"));
            assertThat(after.status()).as("publish after space returned: %s", after).isEqualTo(201);
            assertThat(after.json().get("offsets").get(ROOM).asLong()).isEqualTo(4);
            // None of the refused publishes was stored: the same id is new now.
            Api.Response retried = api.publish(event("doc.line.set", ROOM + "/line:9", List.of(ROOM),
                    Json.object().put("n", 101)).put("id", "during-1"));
            assertThat(retried.status()).as("retry of a refused publish: %s", retried).isEqualTo(201);

            Api.Response page = api.get("/api/rooms/" + ROOM + "/events?after=0");
            assertThat(page.status()).as("events page: %s", page).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (JsonNode e : page.json().get("events")) {
                ids.add(e.get("event").get("id").asText());
                offsets.add(e.get("offset").asLong());
            }
            assertThat(ids).containsExactly("before-1", "before-2", "before-3", "after-1", "during-1");
            assertThat(offsets).containsExactly(1L, 2L, 3L, 4L, 5L);

            Api.Response snapshot = api.get("/api/rooms/" + ROOM + "/snapshot");
            assertThat(snapshot.status()).as("snapshot: %s", snapshot).isEqualTo(200);
            assertThat(snapshot.json().get("offset").asLong()).isEqualTo(5);
            assertThat(snapshot.json().get("resources")).hasSize(5);
            JsonNode line9 = null;
            for (JsonNode r : snapshot.json().get("resources")) {
                if (r.get("resourceId").asText().equals(ROOM + "/line:9")) {
                    line9 = r;
                }
            }
            assertThat(line9).isNotNull();
            assertThat(line9.get("version").asLong()).isEqualTo(1);
            assertThat(line9.get("state").get("n").asInt()).isEqualTo(101);
        }
    }

    /**
     * A commit whose write reached the file but reported a failure: the publish is answered 503, yet H2
     * may find the event when it reopens the file. Whatever it finds, the writer continues from it: the
     * stream stays gap-free and without a repeated offset, and the publish's retry is either its first
     * answer (stored after all) or a new event.
     */
    @Test
    void aCommitThatFailedAfterWritingLeavesAConsistentLog() {
        try (TestGateway gw = TestGateway.start(dir, Map.of(ConfigKey.DB_URL,
                FullDiskFilePath.jdbcUrl(dir.resolve("switchboard"))))) {
            Api api = gw.service();
            assertThat(api.publish(event("doc.line.set", ROOM + "/line:1", List.of(ROOM), Json.object().put("n", 1))
                    .put("id", "first")).status()).isEqualTo(201);

            FullDiskFilePath.mode(FullDiskFilePath.Mode.WRITTEN_BUT_FAILED);
            Api.Response lost = api.publish(event("doc.line.set", ROOM + "/line:2", List.of(ROOM),
                    Json.object().put("n", 2)).put("id", "unsure"));
            assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
            FullDiskFilePath.mode(FullDiskFilePath.Mode.WRITES);

            Await.until("ready again", Duration.ofSeconds(20), () -> api.get("/health/ready").status() == 200);
            Api.Response retry = api.publish(event("doc.line.set", ROOM + "/line:2", List.of(ROOM),
                    Json.object().put("n", 2)).put("id", "unsure"));
            assertThat(retry.status()).as(retry.toString()).isIn(200, 201);
            Api.Response next = api.publish(event("doc.line.set", ROOM + "/line:3", List.of(ROOM),
                    Json.object().put("n", 3)).put("id", "next"));
            assertThat(next.status()).as(next.toString()).isEqualTo(201);
            assertThat(next.json().get("offsets").get(ROOM).asLong()).isEqualTo(3);

            List<String> ids = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (JsonNode e : api.get("/api/rooms/" + ROOM + "/events?after=0").json().get("events")) {
                ids.add(e.get("event").get("id").asText());
                offsets.add(e.get("offset").asLong());
            }
            assertThat(ids).containsExactly("first", "unsure", "next");
            assertThat(offsets).containsExactly(1L, 2L, 3L);
        }
    }
}
