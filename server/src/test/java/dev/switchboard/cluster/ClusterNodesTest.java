package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.GatewayProcess;
import dev.switchboard.testing.PostgresSchema;
import dev.switchboard.testing.TestCluster;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster as {@code GET /admin/nodes} shows it from any node, and a node killed with SIGKILL:
 * listed dead once its heartbeat stops, and its device, moved to another node with its cursor,
 * recovers what it missed without a snapshot (one log, one epoch).
 */
class ClusterNodesTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private TestCluster cluster;
    private GatewayProcess third;

    @AfterEach
    void stop() throws Exception {
        if (third != null) {
            third.close();
        }
        cluster.close();
    }

    private static JsonNode nodes(Api admin) {
        Api.Response r = admin.get("/admin/nodes");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static String state(JsonNode nodes, String node) {
        return StreamSupport.stream(nodes.path("nodes").spliterator(), false).filter(n -> n.path("node").asText().equals(node))
                .map(n -> n.path("state").asText()).findFirst().orElse("absent");
    }

    @Test
    void everyNodeListsTheClusterAndAKilledNodeIsDeadWhileItsDeviceRecoversElsewhere(@TempDir Path dir) throws Exception {
        cluster = TestCluster.start(pg, dir, 2, Map.of());
        third = GatewayProcess.start(dir.resolve("proc"), dir, "--db-url", pg.url(), "--db-user", "postgres");
        Api admin = cluster.node(1).api(cluster.node(1).token("ops", Role.ADMIN));

        String room = "doc:moves";
        assertThat(cluster.node(0).service().put("/api/acl/" + room + "/members/dora").status()).isEqualTo(204);
        WsClient onThird = WsClient.connect(third.wsUrl("dora", "tablet"));
        JsonNode joined = onThird.join(room);
        String epoch = joined.path("epoch").asText();
        Await.until("three nodes listed, all ready, the third with its device", () -> {
            JsonNode n = nodes(admin);
            return n.path("nodes").size() == 3 && state(n, "node-a").equals("ready") && state(n, "node-b").equals("ready")
                    && state(n, "proc-node").equals("ready") && StreamSupport.stream(n.path("nodes").spliterator(), false)
                    .anyMatch(x -> x.path("node").asText().equals("proc-node") && x.path("connections").asInt() == 1);
        });
        JsonNode listed = nodes(admin);
        assertThat(listed.path("self").asText()).isEqualTo("node-b");
        assertThat(listed.path("nodes").get(0).path("httpUrl").asText()).startsWith("http://");

        cluster.node(0).service().publish(event("doc.edit", "doc:m", List.of(room), Json.object().put("n", 1)));
        long seen = onThird.events(room, 1).get(0).path("offset").asLong();
        third.kill();
        // published while the device's node is dead
        for (int i = 2; i <= 4; i++) {
            assertThat(cluster.node(0).service().publish(event("doc.edit", "doc:m", List.of(room), Json.object().put("n", i)))
                    .status()).isEqualTo(201);
        }
        Await.until("the killed node listed dead", () -> state(nodes(admin), "proc-node").equals("dead"));

        WsClient moved = cluster.connect(0, "dora", "tablet");
        JsonNode rejoined = moved.join(room, epoch, seen);
        assertThat(rejoined.path("snapshotRequired").asBoolean(false)).as("same epoch on every node: " + rejoined).isFalse();
        assertThat(moved.events(room, 3).stream().map(e -> e.path("offset").asLong()).toList())
                .containsExactly(seen + 1, seen + 2, seen + 3);

        cluster.node(1).close();
        Await.until("a node closed cleanly says so", () -> state(nodes(cluster.node(0).api(cluster.node(0).token("ops",
                Role.ADMIN))), "node-b").equals("stopped"));
    }
}
