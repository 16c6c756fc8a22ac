package dev.switchboard.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three gateway nodes on one real PostgreSQL log, without any message bus between them: a device on
 * any node receives every event published on any node, once and in offset order, read back from the
 * log ({@link SequencedBus}).
 */
class SharedLogFanoutTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private TestCluster nodes;

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void devicesOnEveryNodeGetEveryNodesEventsOnceAndInOrder(@TempDir Path dir) throws Exception {
        nodes = TestCluster.start(pg, dir, 3, Map.of());
        List<TestGateway> cluster = nodes.nodes();
        List<WsClient> devices = new ArrayList<>();
        String room = "doc:cluster";
        assertThat(cluster.get(0).service().put("/api/acl/" + room + "/members/alice").status()).isEqualTo(204);
        for (int i = 0; i < cluster.size(); i++) {
            WsClient device = nodes.connect(i, "alice", "on-" + cluster.get(i).gateway().config().nodeId());
            assertThat(device.join(room).path("op").asText()).isEqualTo("joined");
            devices.add(device);
        }

        // Publishers on all three nodes at once.
        int perNode = 60;
        ExecutorService pool = Executors.newFixedThreadPool(cluster.size());
        List<CompletableFuture<Void>> publishing = new ArrayList<>();
        for (TestGateway gw : cluster) {
            Api api = gw.service();
            publishing.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perNode; i++) {
                    Api.Response r = api.publish(event("doc.edit", "doc:" + (i % 4), List.of(room), Json.object().put("i", i)));
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                }
            }, pool));
        }
        CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pool.shutdown();

        int total = perNode * cluster.size();
        for (WsClient device : devices) {
            List<JsonNode> events = device.events(room, total);
            List<Long> offsets = events.stream().map(e -> e.path("offset").asLong()).toList();
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= total; i++) {
                expected.add(i);
            }
            assertThat(offsets).as("offsets one after another, each once").isEqualTo(expected);
            JsonNode extra = device.poll(Duration.ofMillis(300));
            assertThat(extra == null || !"event".equals(extra.path("op").asText())).as("nothing delivered twice: " + extra).isTrue();
        }
    }
}
