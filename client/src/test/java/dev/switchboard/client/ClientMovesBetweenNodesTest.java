package dev.switchboard.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.PostgresSchema;
import dev.switchboard.testing.TestCluster;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client given two nodes of a cluster (one PostgreSQL log): when its node goes away it moves to the
 * other and carries on from its cursor, with the same epoch, without a snapshot.
 */
class ClientMovesBetweenNodesTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private TestCluster cluster;
    private SwitchboardClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        cluster.close();
    }

    private static String ws(TestGateway gw) {
        return "ws://127.0.0.1:" + gw.gateway().wsPort() + "/ws";
    }

    private static String http(TestGateway gw) {
        return "http://127.0.0.1:" + gw.gateway().httpPort();
    }

    private void publish(TestGateway gw, String room, int value) {
        ObjectNode payload = Json.object().put("value", value);
        Api.Response r = gw.service().publish(Api.event("item.set", "item-" + (value % 3), List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void aClientWhoseNodeStopsMovesToTheNextAndMissesNothing(@TempDir Path dir) {
        cluster = TestCluster.start(pg, dir, 2, Map.of());
        TestGateway a = cluster.node(0);
        TestGateway b = cluster.node(1);
        String room = "doc:roaming";
        assertThat(a.service().put("/api/acl/" + room + "/members/rosa").status()).isEqualTo(204);
        client = SwitchboardClient.builder().wsUrl(ws(a)).httpUrl(http(a)).alsoGateway(ws(b), http(b))
                .token(() -> a.token("rosa", Role.USER)).device("phone").app("sdk-test")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
        client.join(room);
        client.start();
        publish(b, room, 1);
        // The client also joins its own user:rosa room; both first loads (snapshots) are done before counting.
        ClientAgainstGatewayTest.await("the first event, on node a", () -> client.rooms().containsKey(room)
                && client.rooms().get(room).offset() == 1 && client.rooms().containsKey("user:rosa")
                && client.rooms().values().stream().noneMatch(RoomView::syncing));
        String epoch = client.rooms().get(room).epoch();
        String firstConnection = client.connectionId();
        assertThat(a.gateway().webSockets().connections()).isEqualTo(1);
        long snapshotsBefore = client.counters().snapshots(); // the first join's, if any

        a.close(); // drains: the client is told to go, and goes to node b
        publish(b, room, 2);
        publish(b, room, 3);
        ClientAgainstGatewayTest.await("the client on node b with every event", () -> client.rooms().containsKey(room)
                && client.rooms().get(room).offset() == 3 && !client.rooms().get(room).syncing());
        assertThat(client.connectionId()).isNotEqualTo(firstConnection);
        assertThat(b.gateway().webSockets().connections()).isEqualTo(1);
        assertThat(client.rooms().get(room).epoch()).as("one log, one epoch").isEqualTo(epoch);
        assertThat(client.rooms().get(room).resources().get("item-2").state().path("value").asInt()).isEqualTo(2);
        assertThat(client.counters().snapshots()).as("recovered by replay, no snapshot").isEqualTo(snapshotsBefore);
        assertThat(client.counters().reconnects()).isEqualTo(1);
    }
}
