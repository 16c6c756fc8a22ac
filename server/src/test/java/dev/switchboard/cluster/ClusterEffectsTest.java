package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.PostgresSchema;
import dev.switchboard.testing.TestCluster;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/** What an admin does through one node of a shared log acts on every node. */
class ClusterEffectsTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private TestCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aRevokeOnNodeAEvictsTheUserOnNodeC(@TempDir Path dir) {
        cluster = TestCluster.start(pg, dir, 3, Map.of());
        TestGateway a = cluster.node(0);
        String room = "doc:secret";
        assertThat(a.service().put("/api/acl/" + room + "/members/mallory").status()).isEqualTo(204);
        assertThat(a.service().put("/api/acl/" + room + "/members/trent").status()).isEqualTo(204);
        WsClient malloryOnA = cluster.connect(0, "mallory", "laptop");
        WsClient malloryOnC = cluster.connect(2, "mallory", "phone");
        WsClient trentOnC = cluster.connect(2, "trent", "phone");
        for (WsClient d : List.of(malloryOnA, malloryOnC, trentOnC)) {
            assertThat(d.join(room).path("op").asText()).isEqualTo("joined");
        }

        assertThat(a.service().delete("/api/acl/" + room + "/members/mallory").status()).isEqualTo(204);

        assertThat(malloryOnA.next("revoked").path("room").asText()).isEqualTo(room);
        assertThat(malloryOnC.next("revoked").path("room").asText()).as("evicted on another node").isEqualTo(room);
        // and no longer receives the room's events there, while trent, still a member, does
        assertThat(cluster.node(1).service().publish(event("doc.edit", "doc:s", List.of(room), Json.object())).status()).isEqualTo(201);
        assertThat(trentOnC.events(room, 1)).hasSize(1);
        JsonNode leak = malloryOnC.poll(Duration.ofMillis(500));
        assertThat(leak == null || !"event".equals(leak.path("op").asText())).as("no event after the revoke: " + leak).isTrue();
        // joining again is refused on every node
        assertThat(malloryOnC.join(room).path("op").asText()).isEqualTo("error");
    }

    @Test
    void anAdminDisconnectThroughNodeAClosesTheConnectionOnNodeC(@TempDir Path dir) {
        cluster = TestCluster.start(pg, dir, 3, Map.of());
        WsClient onC = cluster.connect(2, "victor", "phone");
        String id = onC.next("welcome").path("connectionId").asText();
        Api admin = cluster.node(0).api(cluster.node(0).token("ops", Role.ADMIN));

        // Which node holds a connection comes from the delivery trace, written in batches: a connection is
        // known to the other nodes once its record is in (404 before; asking again has no other effect).
        Api.Response[] answer = new Api.Response[1];
        Await.until("node-c's connection known to node-a", () -> (answer[0] = admin.delete("/admin/connections/" + id)).status() != 404);
        Api.Response r = answer[0];
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().path("forwardedTo").asText()).isEqualTo("node-c");
        assertThat(onC.awaitClose()).as("closed by node-c").isPositive();

        Api.Response unknown = admin.delete("/admin/connections/c-nobody");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void faultsForAUserAndARedeliveryThroughNodeAActOnNodeC(@TempDir Path dir) {
        cluster = TestCluster.start(pg, dir, 3, Map.of());
        String room = "doc:faults";
        assertThat(cluster.node(0).service().put("/api/acl/" + room + "/members/victor").status()).isEqualTo(204);
        WsClient onC = cluster.connect(2, "victor", "phone");
        String id = onC.next("welcome").path("connectionId").asText();
        onC.join(room);
        Api adminA = cluster.node(0).api(cluster.node(0).token("ops", Role.ADMIN));
        Api adminC = cluster.node(2).api(cluster.node(2).token("ops", Role.ADMIN));

        Api.Response injected = adminA.post("/admin/faults", Json.write(Json.object().put("kind", "drop").put("userId", "victor")
                .put("count", 2).put("durationMs", 60_000)));
        assertThat(injected.status()).as(injected.toString()).isEqualTo(201);
        String fault = injected.json().path("faultId").asText();
        assertThat(fault).isNotBlank();
        Await.until("the user's fault active on node-c under the same id",
                () -> adminC.get("/admin/faults").body().contains(fault));

        for (int i = 1; i <= 3; i++) {
            assertThat(cluster.node(1).service().publish(event("doc.edit", "doc:f", List.of(room), Json.object().put("i", i)))
                    .status()).isEqualTo(201);
        }
        assertThat(onC.events(room, 1).get(0).path("offset").asLong()).as("1 and 2 dropped on node-c").isEqualTo(3);

        Api.Response[] answer = new Api.Response[1];
        Await.until("node-c's connection known to node-a", () -> (answer[0] = adminA.post("/admin/connections/" + id
                + "/redeliver", Json.write(Json.object().put("room", room).put("from", 1).put("to", 2)))).status() != 404);
        assertThat(answer[0].status()).as(answer[0].toString()).isEqualTo(202);
        assertThat(answer[0].json().path("forwardedTo").asText()).isEqualTo("node-c");
        assertThat(onC.events(room, 2).stream().map(e -> e.path("offset").asLong()).toList()).containsExactly(1L, 2L);

        assertThat(adminA.delete("/admin/faults/" + fault).status()).isEqualTo(204);
        Await.until("the fault cleared on node-c too", () -> !adminC.get("/admin/faults").body().contains(fault));

        Api.Response elsewhere = adminA.post("/admin/faults", Json.write(Json.object().put("kind", "delay").put("connectionId", id)
                .put("delayMs", 10)));
        assertThat(elsewhere.status()).as("a connection of another node: " + elsewhere).isEqualTo(202);
        assertThat(elsewhere.json().path("forwardedTo").asText()).isEqualTo("node-c");
        String delay = elsewhere.json().path("faultId").asText();
        assertThat(delay).isNotBlank();
        Await.until("the connection's fault active on node-c", () -> adminC.get("/admin/faults").body().contains(delay));
    }

    @Test
    void aTraceAskedOnNodeBFollowsAnEventPublishedOnNodeAToADeviceOnNodeC(@TempDir Path dir) {
        cluster = TestCluster.start(pg, dir, 3, Map.of());
        String room = "doc:traced";
        assertThat(cluster.node(0).service().put("/api/acl/" + room + "/members/tess").status()).isEqualTo(204);
        WsClient onC = cluster.connect(2, "tess", "phone");
        onC.join(room);
        Api.Response published = cluster.node(0).service().publish(event("doc.edit", "doc:t", List.of(room), Json.object()));
        assertThat(published.status()).isEqualTo(201);
        String eventId = published.json().path("id").asText();
        assertThat(onC.events(room, 1)).hasSize(1);

        Api adminB = cluster.node(1).api(cluster.node(1).token("ops", Role.ADMIN));
        JsonNode[] device = new JsonNode[1];
        // node-c writes what its connections did in batches, about every second
        Await.until("node-c's delivery in the trace read on node-b", () -> {
            JsonNode trace = adminB.get("/admin/events/" + eventId + "/trace").json();
            for (JsonNode d : trace.findValues("devices")) {
                for (JsonNode x : d) {
                    if (x.path("deviceId").asText().equals("phone")
                            && List.of("delivered", "acked").contains(x.path("fate").asText())) {
                        device[0] = x;
                        return true;
                    }
                }
            }
            return false;
        });
        assertThat(device[0].path("node").asText()).as("delivered by node-c").isEqualTo("node-c");
    }
}
