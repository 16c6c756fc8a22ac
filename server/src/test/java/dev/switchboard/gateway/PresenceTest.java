package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

/** PROTOCOL.md §4 presence: fanned out to the others, never stored, join/leave on membership changes. */
class PresenceTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static WsClient member(String user, String device, String room) {
        gw.service().put("/api/acl/" + room + "/members/" + user);
        WsClient c = gw.connect(user, device);
        c.next("welcome");
        assertThat(c.join(room).path("op").asText()).isEqualTo("joined");
        return c;
    }

    private static void update(WsClient c, String room, String status) {
        c.send("{\"op\":\"presence\",\"room\":\"" + room + "\",\"state\":{\"status\":\"" + status + "\"}}");
    }

    @Test
    void joinUpdateAndLeaveReachTheOthersButNotTheSender() {
        String room = "doc:presence";
        try (WsClient a = member("lea", "phone", room)) {
            update(a, room, "typing");
            // A session's frames are handled in order: once the ping is answered, the update is in.
            assertThat(a.request((ObjectNode) Json.object().put("op", "ping")).path("op").asText()).isEqualTo("pong");
            WsClient b = member("max", "desk", room);
            // The joiner is told who is there already, with their last state.
            JsonNode present = b.next("presence");
            assertThat(present.path("action").asText()).isEqualTo("join");
            assertThat(present.path("userId").asText()).isEqualTo("lea");
            assertThat(present.path("deviceId").asText()).isEqualTo("phone");
            assertThat(present.path("connectionId").asText()).isNotEmpty();
            assertThat(present.path("state").path("status").asText()).isEqualTo("typing");
            // The one already there is told of the newcomer.
            JsonNode joined = a.next("presence");
            assertThat(joined.path("action").asText()).isEqualTo("join");
            assertThat(joined.path("userId").asText()).isEqualTo("max");
            assertThat(joined.path("state").isNull()).isTrue();

            update(b, room, "idle");
            JsonNode upd = a.next("presence");
            assertThat(upd.path("action").asText()).isEqualTo("update");
            assertThat(upd.path("userId").asText()).isEqualTo("max");
            assertThat(upd.path("state").path("status").asText()).isEqualTo("idle");
            b.poll(Duration.ofMillis(200));
            assertThat(b.drain()).as("an update is not sent back to its sender").noneMatch(f -> f.path("op").asText().equals("presence"));

            b.request((ObjectNode) Json.object()
                    .put("op", "leave").put("room", room));
            JsonNode left = a.next("presence");
            assertThat(left.path("action").asText()).isEqualTo("leave");
            assertThat(left.path("userId").asText()).isEqualTo("max");
            assertThat(left.path("state").path("status").asText()).isEqualTo("idle");
            b.close();
        }
    }

    @Test
    void disconnectingSendsLeave() {
        String room = "doc:gone";
        try (WsClient a = member("ned", "phone", room)) {
            WsClient b = member("ola", "tablet", room);
            a.next("presence"); // ola joined
            b.close();
            JsonNode left = a.next("presence");
            assertThat(left.path("action").asText()).isEqualTo("leave");
            assertThat(left.path("userId").asText()).isEqualTo("ola");
            assertThat(left.path("deviceId").asText()).isEqualTo("tablet");
        }
    }

    @Test
    void presenceIsNeverStoredAsAnEvent() {
        String room = "doc:ephemeral";
        try (WsClient a = member("pia", "phone", room); WsClient b = member("quinn", "desk", room)) {
            update(a, room, "here");
            b.next(f -> f.path("action").asText().equals("update"));
            JsonNode page = gw.service().get("/api/rooms/" + room + "/events?after=0").json();
            assertThat(page.path("events").size()).isZero();
            assertThat(page.path("head").asLong()).isZero();
        }
    }
}
