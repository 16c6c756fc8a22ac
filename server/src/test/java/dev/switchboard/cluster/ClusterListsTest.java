package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin lists answer for the whole cluster from any node (real PostgreSQL; two nodes in the test
 * JVM and one process): every connection once, with its node, filtered, sorted and paged over the
 * cluster; rooms and members summed over the nodes; {@code scope=node} for one node's own; a node
 * that does not answer is named, never silently left out.
 */
class ClusterListsTest {
    private static final String ROOM = "doc:lists";

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

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("connections").forEach(c -> ids.add(c.path("connectionId").asText()));
        return ids;
    }

    @Test
    void anyNodeListsEveryNodesConnectionsRoomsAndMembers(@TempDir Path dir) throws Exception {
        cluster = TestCluster.start(pg, dir, 2, Map.of());
        third = GatewayProcess.start(dir.resolve("proc"), dir, "--db-url", pg.url(), "--db-user", "postgres");
        for (String user : List.of("ana", "bo", "cy", "di", "ed")) {
            assertThat(cluster.node(0).service().put("/api/acl/" + ROOM + "/members/" + user).status()).isEqualTo(204);
        }
        List<WsClient> devices = new ArrayList<>(List.of(cluster.connect(0, "ana", "phone"), cluster.connect(0, "bo", "phone"),
                cluster.connect(1, "cy", "laptop"), WsClient.connect(third.wsUrl("di", "tablet")),
                WsClient.connect(third.wsUrl("ed", "tablet"))));
        for (WsClient d : devices) {
            assertThat(d.join(ROOM).path("op").asText()).isEqualTo("joined");
        }
        Api admin = cluster.node(1).api(cluster.node(1).token("ops", Role.ADMIN));
        Await.until("three nodes ready", () -> admin.get("/admin/nodes").json().path("nodes").size() == 3);

        JsonNode all = admin.get("/admin/connections?room=" + ROOM).json();
        assertThat(all.path("total").asLong()).isEqualTo(5);
        assertThat(all.path("unanswered")).isEmpty();
        Set<String> nodes = new HashSet<>();
        all.path("connections").forEach(c -> nodes.add(c.path("node").asText()));
        assertThat(nodes).containsExactlyInAnyOrder("node-a", "node-b", "proc-node");
        assertThat(ids(all)).doesNotHaveDuplicates().isSorted();

        // paged by id cursor, two at a time: every connection once, in order
        List<String> byCursor = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = admin.get("/admin/connections?room=" + ROOM + "&limit=2" + (next == null ? "" : "&cursor=" + next)).json();
            byCursor.addAll(ids(page));
            next = page.path("next").isNull() ? null : page.path("next").asText();
        } while (next != null);
        assertThat(byCursor).isEqualTo(ids(all));

        // paged by offset in another order, newest first
        List<String> byOffset = new ArrayList<>();
        for (int offset = 0; offset < 5; offset += 2) {
            JsonNode page = admin.get("/admin/connections?room=" + ROOM + "&sort=connectedAt&order=desc&limit=2&offset=" + offset).json();
            assertThat(page.path("total").asLong()).isEqualTo(5);
            byOffset.addAll(ids(page));
        }
        assertThat(byOffset).containsExactlyInAnyOrderElementsOf(ids(all)).doesNotHaveDuplicates();

        String onProcess = null;
        for (JsonNode c : all.path("connections")) {
            if (c.path("node").asText().equals("proc-node")) {
                onProcess = c.path("connectionId").asText();
            }
        }
        JsonNode one = admin.get("/admin/connections/" + onProcess).json();
        assertThat(one.path("node").asText()).as("another node's connection, in detail").isEqualTo("proc-node");
        assertThat(one.path("rooms").toString()).contains(ROOM);
        assertThat(admin.get("/admin/connections?room=" + ROOM + "&node=proc-node").json().path("total").asLong()).isEqualTo(2);
        assertThat(admin.get("/admin/connections?room=" + ROOM + "&scope=node").json().path("total").asLong())
                .as("this node's own").isEqualTo(1);

        JsonNode rooms = admin.get("/admin/rooms").json();
        JsonNode listed = null;
        for (JsonNode r : rooms.path("rooms")) {
            if (r.path("room").asText().equals(ROOM)) {
                listed = r;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("connections").asLong()).isEqualTo(5);
        JsonNode members = admin.get("/admin/rooms/" + ROOM + "/members").json();
        assertThat(members.path("users").size()).isEqualTo(5);
        assertThat(members.findValues("node").stream().map(JsonNode::asText).distinct().toList())
                .containsExactlyInAnyOrder("node-a", "node-b", "proc-node");

        JsonNode stats = admin.get("/admin/stats").json();
        assertThat(stats.path("stats").path("connections").asLong()).as("node-b's own").isEqualTo(1);
        assertThat(stats.path("cluster").path("nodes").asInt()).isEqualTo(3);
        assertThat(stats.path("cluster").path("connections").asLong()).as("every node's").isEqualTo(5);
        assertThat(stats.path("cluster").path("unanswered")).isEmpty();

        // A node that stops answering (killed: listed as alive for up to 5 s) is named, not silently left out.
        third.kill();
        JsonNode partial = admin.get("/admin/connections?room=" + ROOM).json();
        assertThat(partial.path("unanswered").toString()).contains("proc-node");
        assertThat(partial.path("total").asLong()).isEqualTo(3);
    }
}
