package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK against a real gateway: convergence, reconnect with cursor, gaps, duplicates, reordering, snapshots. */
class ClientAgainstGatewayTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private final TestClients fixture = new TestClients(gw);
    private final List<SwitchboardClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        fixture.closeAll();
        clients.forEach(SwitchboardClient::close);
    }

    private SwitchboardClient client(String user, String device, String... rooms) {
        return fixture.start(user, device, rooms);
    }

    static void publish(String room, String resource, int value) {
        ObjectNode payload = Json.object();
        payload.put("value", value);
        Api.Response r = gw.service().publish(Api.event("item.set", resource, List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** The server's truth for a room: resource id -> version:state. */
    static Map<String, String> serverState(String room) {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode r : gw.service().get("/api/rooms/" + room + "/snapshot").json().path("resources")) {
            m.put(r.path("resourceId").asText(), r.path("version").asLong() + ":" + r.path("state"));
        }
        return m;
    }

    static Map<String, String> clientState(SwitchboardClient c, String room) {
        Map<String, String> m = new TreeMap<>();
        RoomView v = c.rooms().get(room);
        if (v != null) {
            v.resources().values().forEach(r -> m.put(r.resourceId(), r.version() + ":" + r.state()));
        }
        return m;
    }

    static void awaitConverged(SwitchboardClient c, String room) {
        await("client converged on " + room, () -> clientState(c, room).equals(serverState(room))
                && !c.rooms().get(room).syncing());
        assertThat(clientState(c, room)).isEqualTo(serverState(room));
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(15), condition);
    }

    private static void inject(String json) {
        Api.Response r = gw.api(gw.token("qa", Role.ADMIN)).post("/admin/faults", json);
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    @Test
    void aClientStartsFromTheSnapshotAndFollowsLiveEvents() {
        publish("doc:c1", "a", 1);
        publish("doc:c1", "b", 1);
        SwitchboardClient c = client("cara", "phone", "doc:c1");
        awaitConverged(c, "doc:c1");
        for (int i = 2; i <= 20; i++) {
            publish("doc:c1", i % 2 == 0 ? "a" : "b", i);
        }
        awaitConverged(c, "doc:c1");
        assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(c.counters().snapshots()).isGreaterThanOrEqualTo(1);
        await("acks sent", () -> c.counters().acksSent() > 0);
    }

    @Test
    void afterACutTheClientReconnectsAndReplaysWhatItMissed() {
        SwitchboardClient c = client("dora", "phone", "doc:c2");
        publish("doc:c2", "x", 1);
        awaitConverged(c, "doc:c2");
        inject("{\"userId\":\"dora\",\"kind\":\"pause\",\"durationMs\":60000}");
        for (int i = 2; i <= 10; i++) {
            publish("doc:c2", "x" + (i % 3), i);
        }
        inject("{\"userId\":\"dora\",\"kind\":\"cut\"}");
        awaitConverged(c, "doc:c2");
        assertThat(c.counters().reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(c.counters().replayedEvents() + c.counters().snapshots()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDroppedEventIsNoticedAsAGapAndRecoveredOverHttp() {
        SwitchboardClient c = client("eli", "phone", "doc:c3");
        publish("doc:c3", "r", 1);
        awaitConverged(c, "doc:c3");
        inject("{\"userId\":\"eli\",\"kind\":\"drop\",\"count\":2}");
        for (int i = 2; i <= 6; i++) {
            publish("doc:c3", "r" + i, i);
        }
        awaitConverged(c, "doc:c3");
        assertThat(c.counters().gapsDetected()).isGreaterThanOrEqualTo(1);
        assertThat(c.counters().httpRecoveries()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void duplicatedAndReorderedDeliveryIsAppliedOnceAndInOrder() {
        SwitchboardClient c = client("fin", "phone", "doc:c4");
        publish("doc:c4", "c4-item", 0);
        awaitConverged(c, "doc:c4");
        List<Long> appliedOffsets = Collections.synchronizedList(new ArrayList<>());
        c.addListener(new SwitchboardListener() {
            @Override
            public void eventApplied(String room, long offset, Event event) {
                if (room.equals("doc:c4")) {
                    appliedOffsets.add(offset);
                }
            }
        });
        inject("{\"userId\":\"fin\",\"kind\":\"duplicate\",\"durationMs\":2000}");
        for (int i = 1; i <= 4; i++) {
            publish("doc:c4", "c4-item", i);
        }
        awaitConverged(c, "doc:c4");
        await("duplicates ignored", () -> c.counters().duplicatesIgnored() >= 4);
        inject("{\"userId\":\"fin\",\"kind\":\"reorder\",\"window\":3,\"durationMs\":60000}");
        for (int i = 5; i <= 7; i++) {
            publish("doc:c4", "c4-item", i);
        }
        awaitConverged(c, "doc:c4");
        assertThat(appliedOffsets).as("every offset applied once, in order").isSorted().doesNotHaveDuplicates();
        assertThat(c.rooms().get("doc:c4").resources().get("c4-item").version()).isEqualTo(8);
    }

    @Test
    void farBehindTakesASnapshot() {
        SwitchboardClient c = client("gil", "phone", "doc:c5");
        publish("doc:c5", "r", 0);
        awaitConverged(c, "doc:c5");
        long snapshotsBefore = c.counters().snapshots();
        inject("{\"userId\":\"gil\",\"kind\":\"pause\",\"durationMs\":60000}");
        for (int i = 1; i <= 520; i++) {
            publish("doc:c5", "r" + (i % 7), i);
        }
        inject("{\"userId\":\"gil\",\"kind\":\"cut\"}");
        awaitConverged(c, "doc:c5");
        assertThat(c.counters().snapshots()).isGreaterThan(snapshotsBefore);
    }

    @Test
    void withoutReconciliationDuplicatesAreAppliedTwice() {
        SwitchboardClient careless = SwitchboardClient.builder()
                .wsUrl("ws://127.0.0.1:" + gw.gateway().wsPort() + "/ws")
                .httpUrl("http://127.0.0.1:" + gw.gateway().httpPort())
                .token(() -> gw.token("hal", Role.USER)).device("old").reconcile(false).build();
        gw.service().put("/api/acl/doc:c6/members/hal");
        careless.join("doc:c6");
        clients.add(careless.start());
        await("connected", () -> careless.state() == ConnectionState.CONNECTED && careless.rooms().containsKey("doc:c6")
                && !careless.rooms().get("doc:c6").syncing());
        inject("{\"userId\":\"hal\",\"kind\":\"duplicate\"}");
        publish("doc:c6", "r", 1);
        publish("doc:c6", "r", 2);
        await("both copies applied", () -> careless.counters().eventsApplied() >= 4);
        assertThat(careless.counters().duplicatesIgnored()).isZero();
    }
}
