package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 12, defect 5: a room snapshot is read in bounded pages (resources and payload bytes), and
 * only {@code snapshot.max-concurrent} pages are read at once.
 */
class SnapshotPagingTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    /** A payload of about {@code bytes} bytes serialized. */
    private static ObjectNode payload(int i, int bytes) {
        return Json.object().put("i", i).put("blob", Character.toString('a' + i % 26).repeat(bytes));
    }

    /** Reads every page; checks each one's bounds; answers resourceId → the page's resource. */
    private static Map<String, JsonNode> readAllPages(Api api, String room, String limit, int maxResources,
                                                      long maxBytes, List<Integer> pageSizes) {
        Map<String, JsonNode> all = new TreeMap<>();
        String after = "";
        String previousLast = "";
        while (true) {
            Api.Response r = api.get("/api/rooms/" + room + "/snapshot?after="
                    + URLEncoder.encode(after, StandardCharsets.UTF_8) + (limit == null ? "" : "&limit=" + limit));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode page = r.json();
            long bytes = 0;
            for (JsonNode res : page.get("resources")) {
                String id = res.get("resourceId").asText();
                assertThat(id).as("resources in id order, after the cursor").isGreaterThan(previousLast);
                previousLast = id;
                bytes += Json.write(res.get("state")).getBytes(StandardCharsets.UTF_8).length;
                assertThat(all.put(id, res)).as("no resource twice").isNull();
            }
            int n = page.get("resources").size();
            pageSizes.add(n);
            assertThat(n).isLessThanOrEqualTo(maxResources);
            if (n > 1) {
                assertThat(bytes).as("a page of more than one resource stays within the byte budget").isLessThanOrEqualTo(maxBytes);
            }
            assertThat(page.get("offset").asLong()).isPositive();
            if (page.get("complete").asBoolean()) {
                assertThat(page.has("nextAfter")).isFalse();
                return all;
            }
            assertThat(n).as("an incomplete page is never empty").isPositive();
            after = page.get("nextAfter").asText();
            assertThat(after).isEqualTo(previousLast);
        }
    }

    @Test
    void aRoomOfManyLargeResourcesIsReadInBoundedPages() {
        try (TestGateway gw = TestGateway.start(dir)) {
            Api api = gw.service();
            String room = "doc:big";
            // 60 resources of ~40 KiB: 2.4 MB, more than twice the default 1 MiB page.
            for (int i = 0; i < 60; i++) {
                assertThat(api.publish(event("doc.part.set", "doc:big/part:" + (1000 + i), List.of(room),
                        payload(i, 40_000))).status()).isEqualTo(201);
            }
            // A later version of one resource replaces the earlier in every page.
            assertThat(api.publish(event("doc.part.set", "doc:big/part:1003", List.of(room), payload(99, 10)))
                    .status()).isEqualTo(201);

            List<Integer> sizes = new ArrayList<>();
            Map<String, JsonNode> all = readAllPages(api, room, null, 1000, MIB, sizes);
            assertThat(sizes.size()).as("pages %s", sizes).isGreaterThanOrEqualTo(3);
            assertThat(all).hasSize(60);
            assertThat(all.get("doc:big/part:1003").get("version").asLong()).isEqualTo(2);
            assertThat(all.get("doc:big/part:1003").get("state").get("i").asInt()).isEqualTo(99);
            assertThat(all.get("doc:big/part:1059").get("state").get("i").asInt()).isEqualTo(59);

            // A smaller limit gives smaller pages, and the same resources.
            List<Integer> small = new ArrayList<>();
            assertThat(readAllPages(api, room, "7", 7, MIB, small).keySet()).isEqualTo(all.keySet());
            assertThat(small).hasSize(9);

            // PROTOCOL.md's single request (no after, no limit) cannot be answered in one bounded page:
            // refused, never a part of the room that looks like all of it.
            Api.Response whole = api.get("/api/rooms/" + room + "/snapshot");
            assertThat(whole.status()).as(whole.toString()).isEqualTo(413);
            assertThat(whole.error()).isEqualTo("too_large");
            assertThat(whole.json().get("message").asText()).contains("after");

            // A room that fits one page answers the single request as before, and says it is complete.
            assertThat(api.publish(event("doc.part.set", "doc:small/a", List.of("doc:small"), payload(1, 5))).status())
                    .isEqualTo(201);
            JsonNode smallRoom = api.get("/api/rooms/doc:small/snapshot").json();
            assertThat(smallRoom.get("resources")).hasSize(1);
            assertThat(smallRoom.get("complete").asBoolean()).isTrue();
            assertThat(smallRoom.get("offset").asLong()).isEqualTo(1);

            Api.Response badLimit = api.get("/api/rooms/" + room + "/snapshot?limit=0");
            assertThat(badLimit.status()).isEqualTo(422);
            Api.Response longCursor = api.get("/api/rooms/" + room + "/snapshot?after=" + "x".repeat(300));
            assertThat(longCursor.status()).isEqualTo(422);
        }
    }

    @Test
    void aResourceLargerThanTheBudgetGetsAPageOfItsOwnAndTheTailIsPagedToo() {
        // A folded part and a tail that is never folded (materialize-every is huge): pages merge both.
        try (TestGateway gw = TestGateway.start(dir, Map.of(ConfigKey.SNAPSHOT_PAGE_BYTES, "4096",
                ConfigKey.LOG_MATERIALIZE_EVERY, "1000000"))) {
            Api api = gw.service();
            for (int i = 0; i < 5; i++) {
                assertThat(api.publish(event("doc.part.set", "doc:budget/p" + i, List.of("doc:budget"),
                        payload(i, i == 2 ? 10_000 : 1_000))).status()).isEqualTo(201);
            }
            List<Integer> sizes = new ArrayList<>();
            Map<String, JsonNode> all = readAllPages(api, "doc:budget", null, 1000, 4096, sizes);
            assertThat(all).hasSize(5);
            // p0, p1 fit 4 KiB together; p2 alone is larger than the budget; p3, p4 together.
            assertThat(sizes).containsExactly(2, 1, 2);
        }
    }

    /** The value of an unlabelled metric in the gateway's exposition; -1 when it is not there. */
    private static double metric(TestGateway gw, String name) {
        for (String line : gw.gateway().metrics().render().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }

    @Test
    void snapshotReadsBeyondTheCapAre503WithRetryAfterAndCounted() throws Exception {
        try (TestGateway gw = TestGateway.start(dir, Map.of(ConfigKey.SNAPSHOT_MAX_CONCURRENT, "1",
                ConfigKey.DB_POOL_SIZE, "1"))) {
            Api api = gw.service();
            assertThat(api.publish(event("doc.part.set", "doc:cap/a", List.of("doc:cap"), payload(1, 10))).status())
                    .isEqualTo(201);
            // Hold every free connection of the gateway's pool: the next snapshot read waits for one while
            // it holds the only snapshot permit (a database slow to answer).
            HikariDataSource pool = (HikariDataSource) gw.gateway().eventLog().database().dataSource();
            List<Connection> held = new ArrayList<>();
            try {
                while (pool.getHikariPoolMXBean().getIdleConnections() > 0
                        || pool.getHikariPoolMXBean().getTotalConnections() < pool.getMaximumPoolSize()) {
                    held.add(pool.getConnection());
                }
                CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(
                        () -> api.get("/api/rooms/doc:cap/snapshot?after="));
                // (Not through /metrics: its readiness gauge would wait for a connection too.)
                Await.until("the first snapshot read holds the permit, waiting for a connection",
                        () -> pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);

                Api.Response second = api.get("/api/rooms/doc:cap/snapshot?after=");
                assertThat(second.status()).as(second.toString()).isEqualTo(503);
                assertThat(second.error()).isEqualTo("overloaded");
                assertThat(second.headers().firstValue("Retry-After")).isPresent();

                for (Connection c : held) {
                    c.close();
                }
                held.clear();
                Api.Response answered = first.get();
                assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
                assertThat(metric(gw, "switchboard_snapshot_refused_total")).isEqualTo(1);
                assertThat(api.get("/api/rooms/doc:cap/snapshot?after=").status()).as("the permit is back").isEqualTo(200);
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }
}
