package dev.switchboard.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
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

/** An ACL revoke made through one node of a shared log evicts the user on every node. */
class ClusterRevokeTest {
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
}
