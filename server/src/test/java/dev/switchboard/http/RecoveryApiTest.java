package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Recovery over HTTP: pages, epochs, retention and snapshots (PROTOCOL.md §3). */
class RecoveryApiTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.LOG_RETAIN_PER_ROOM, "650",
                ConfigKey.LOG_RETENTION_INTERVAL, "100ms"));

    private static void publishMany(String room, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = i;
            results.add(pool.submit(() -> gw.service().publish(event("counter.value.set", room + "/item:" + (x % 7),
                    List.of(room), Json.object().put("x", x))).status()));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(201);
        }
        pool.shutdown();
    }

    @Test
    void pagesWalkTheStreamInOrderWithHasMoreAndNextOffset() throws Exception {
        publishMany("board:pages", 620);

        // limit above 500 counts as 500
        JsonNode first = gw.service().get("/api/rooms/board:pages/events?after=0&limit=10000").json();
        assertThat(first.get("events").size()).isEqualTo(500);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(first.get("nextOffset").asLong()).isEqualTo(500);
        assertThat(first.get("snapshotRequired").asBoolean()).isFalse();

        List<Long> offsets = new ArrayList<>();
        long after = 0;
        String epoch = first.get("epoch").asText();
        boolean more = true;
        while (more) {
            JsonNode page = gw.service().get("/api/rooms/board:pages/events?after=" + after + "&epoch=" + epoch + "&limit=150").json();
            for (JsonNode e : page.get("events")) {
                offsets.add(e.get("offset").asLong());
            }
            assertThat(page.get("epoch").asText()).isEqualTo(epoch);
            after = page.get("nextOffset").asLong();
            more = page.get("hasMore").asBoolean();
        }
        assertThat(offsets).hasSize(620);
        for (int i = 0; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isEqualTo(i + 1L);
        }

        // At or beyond the head: 200, no events, nextOffset = after.
        JsonNode atHead = gw.service().get("/api/rooms/board:pages/events?after=620").json();
        assertThat(atHead.get("events")).isEmpty();
        assertThat(atHead.get("nextOffset").asLong()).isEqualTo(620);
        assertThat(atHead.get("hasMore").asBoolean()).isFalse();
        JsonNode beyond = gw.service().get("/api/rooms/board:pages/events?after=9999").json();
        assertThat(beyond.get("events")).isEmpty();
        assertThat(beyond.get("nextOffset").asLong()).isEqualTo(9999);
    }

    @Test
    void anotherEpochRequiresASnapshot() throws Exception {
        publishMany("board:epoch", 3);
        JsonNode page = gw.service().get("/api/rooms/board:epoch/events?after=1&epoch=not-this-one").json();
        assertThat(page.get("snapshotRequired").asBoolean()).isTrue();
        assertThat(page.get("events")).isEmpty();
        assertThat(page.get("epoch").asText()).isNotEqualTo("not-this-one");
    }

    @Test
    void aRoomWithNoHistoryAnswersEmpty() {
        Api.Response r = gw.service().get("/api/rooms/board:nothing/events?after=0");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("events")).isEmpty();
        assertThat(r.json().get("hasMore").asBoolean()).isFalse();
        assertThat(r.json().get("snapshotRequired").asBoolean()).isFalse();
        assertThat(r.json().get("epoch").asText()).isNotBlank();
        JsonNode snap = gw.service().get("/api/rooms/board:nothing/snapshot").json();
        assertThat(snap.get("offset").asLong()).isZero();
        assertThat(snap.get("resources")).isEmpty();
        assertThat(snap.get("epoch").asText()).isEqualTo(r.json().get("epoch").asText());
    }

    @Test
    void aCursorBeforeTheRetainedHistoryRequiresASnapshot() throws Exception {
        publishMany("board:trim", 700);
        // Retention trims to the last 650: offsets 51..700 remain.
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode page;
        do {
            Thread.sleep(50);
            page = gw.service().get("/api/rooms/board:trim/events?after=20&limit=1").json();
        } while (!page.get("snapshotRequired").asBoolean() && System.currentTimeMillis() < deadline);
        assertThat(page.get("snapshotRequired").asBoolean()).isTrue();
        assertThat(page.get("events")).isEmpty();

        JsonNode edge = gw.service().get("/api/rooms/board:trim/events?after=50&limit=2").json();
        assertThat(edge.get("snapshotRequired").asBoolean()).isFalse();
        assertThat(edge.at("/events/0/offset").asLong()).isEqualTo(51);

        // The snapshot still holds every resource, trimmed or not.
        JsonNode snap = gw.service().get("/api/rooms/board:trim/snapshot").json();
        assertThat(snap.get("offset").asLong()).isEqualTo(700);
        assertThat(snap.get("resources").size()).isEqualTo(7);
    }

    @Test
    void snapshotHoldsTheLatestStateOfEachResourceInThatRoom() {
        assertThat(gw.service().publish(event("task.title.set", "task:1", List.of("project:snap"), Json.object().put("title", "a"))).status()).isEqualTo(201);
        assertThat(gw.service().publish(event("task.title.set", "task:2", List.of("project:snap"), Json.object().put("title", "b"))).status()).isEqualTo(201);
        assertThat(gw.service().publish(event("task.title.set", "task:1", List.of("project:snap", "project:other"), Json.object().put("title", "a2"))).status()).isEqualTo(201);
        // A later event of task:2 in another room only: the snapshot of project:snap keeps its own latest.
        assertThat(gw.service().publish(event("task.title.set", "task:2", List.of("project:other"), Json.object().put("title", "b-other"))).status()).isEqualTo(201);

        JsonNode snap = gw.service().get("/api/rooms/project:snap/snapshot").json();
        assertThat(snap.get("room").asText()).isEqualTo("project:snap");
        assertThat(snap.get("offset").asLong()).isEqualTo(3);
        JsonNode resources = snap.get("resources");
        assertThat(resources.size()).isEqualTo(2);
        assertThat(resources.get(0).get("resourceId").asText()).isEqualTo("task:1");
        assertThat(resources.get(0).get("version").asLong()).isEqualTo(2);
        assertThat(resources.get(0).get("state")).isEqualTo(Json.object().put("title", "a2"));
        assertThat(resources.get(1).get("resourceId").asText()).isEqualTo("task:2");
        assertThat(resources.get(1).get("version").asLong()).isEqualTo(1);
        assertThat(resources.get(1).get("state")).isEqualTo(Json.object().put("title", "b"));
    }

    @Test
    void badParametersAre422() {
        assertThat(gw.service().get("/api/rooms/board:x/events?after=-1").status()).isEqualTo(422);
        assertThat(gw.service().get("/api/rooms/board:x/events?after=abc").json().get("message").asText()).contains("after");
        assertThat(gw.service().get("/api/rooms/board:x/events?limit=0").json().get("message").asText()).contains("limit");
        assertThat(gw.service().get("/api/rooms/Board!x/events").status()).isEqualTo(422);
        assertThat(gw.service().get("/api/rooms/board%3Ax/events").status()).as("encoded colon").isEqualTo(200);
    }
}
