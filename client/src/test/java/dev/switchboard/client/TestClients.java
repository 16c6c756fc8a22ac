package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.switchboard.client.ClientAgainstGatewayTest.clientState;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients of one test gateway, granted their rooms, closed after each test. */
final class TestClients {
    private final TestGateway.PerClass gw;
    private final List<SwitchboardClient> open = new ArrayList<>();

    TestClients(TestGateway.PerClass gw) {
        this.gw = gw;
    }

    /** A started client of {@code user}, granted and joined to {@code rooms}. */
    SwitchboardClient start(String user, String device, String... rooms) {
        SwitchboardClient c = SwitchboardClient.builder()
                .wsUrl("ws://127.0.0.1:" + gw.gateway().wsPort() + "/ws")
                .httpUrl("http://127.0.0.1:" + gw.gateway().httpPort())
                .token(() -> gw.token(user, Role.USER))
                .device(device).app("sdk-test")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
        for (String room : rooms) {
            grant(room, user);
            c.join(room);
        }
        open.add(c.start());
        return c;
    }

    void grant(String room, String user) {
        assertThat(gw.service().put("/api/acl/" + room + "/members/" + user).status()).isIn(200, 201, 204);
    }

    void revoke(String room, String user) {
        assertThat(gw.service().delete("/api/acl/" + room + "/members/" + user).status()).isEqualTo(204);
    }

    /** Publishes {@code value} to a resource of a room, with an event id when {@code id} is not null. */
    Api.Response publish(String room, String resource, int value, String id) {
        ObjectNode payload = Json.object();
        payload.put("value", value);
        ObjectNode body = Api.event("item.set", resource, List.of(room), payload);
        if (id != null) {
            body.put("id", id);
        }
        Api.Response r = gw.service().publish(body);
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r;
    }

    /** Waits until the client holds exactly the server's state of the room and is not recovering. */
    void awaitConverged(SwitchboardClient c, String room) {
        ClientAgainstGatewayTest.await("client converged on " + room, () -> c.rooms().containsKey(room)
                && clientState(c, room).equals(serverState(room)) && !c.rooms().get(room).syncing());
        assertThat(clientState(c, room)).isEqualTo(serverState(room));
    }

    /** The server's truth for a room: resource id -> version:state. */
    Map<String, String> serverState(String room) {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode r : gw.service().get("/api/rooms/" + room + "/snapshot").json().path("resources")) {
            m.put(r.path("resourceId").asText(), r.path("version").asLong() + ":" + r.path("state"));
        }
        return m;
    }

    void closeAll() {
        open.forEach(SwitchboardClient::close);
        open.clear();
    }
}
