package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOL.md §2: a revoke reaches every connection of that user at once, and nothing more of the room follows. */
class RevokeWhileConnectedTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    @Test
    void everyDeviceIsToldAndReceivesNothingMoreOfTheRoom() {
        String room = "doc:secret";
        gw.service().put("/api/acl/" + room + "/members/ivy");
        gw.service().put("/api/acl/" + room + "/members/jon");
        try (WsClient phone = gw.connect("ivy", "phone"); WsClient laptop = gw.connect("ivy", "laptop");
             WsClient other = gw.connect("jon", "desk")) {
            for (WsClient c : List.of(phone, laptop, other)) {
                c.next("welcome");
                c.join(room);
            }
            RecoveryOnJoinTest.publish(gw, room, "before");
            for (WsClient c : List.of(phone, laptop, other)) {
                assertThat(c.events(room, 1)).hasSize(1);
            }
            assertThat(gw.service().delete("/api/acl/" + room + "/members/ivy").status()).isEqualTo(204);
            for (WsClient c : List.of(phone, laptop)) {
                JsonNode revoked = c.next(f -> !f.path("op").asText().equals("presence"));
                assertThat(revoked.path("op").asText()).isEqualTo("revoked");
                assertThat(revoked.path("room").asText()).isEqualTo(room);
                assertThat(revoked.path("reason").asText()).isNotEmpty();
            }
            for (int i = 0; i < 5; i++) {
                RecoveryOnJoinTest.publish(gw, room, "after-" + i);
            }
            RecoveryOnJoinTest.publish(gw, "user:ivy", "marker");
            for (WsClient c : List.of(phone, laptop)) {
                JsonNode next = c.next("event");
                assertThat(next.path("room").asText()).as("the revoked room sends nothing more").isEqualTo("user:ivy");
            }
            assertThat(other.events(room, 5)).as("another member keeps receiving").hasSize(5);
            // Joining again is refused, and so is the HTTP recovery endpoint.
            JsonNode again = phone.join(room);
            assertThat(again.path("op").asText()).isEqualTo("error");
            assertThat(again.path("code").asText()).isEqualTo("forbidden");
            assertThat(gw.user("ivy").get("/api/rooms/" + room + "/events").status()).isEqualTo(403);
            // An ack or presence for the revoked room: not joined any more.
            phone.send("{\"op\":\"ack\",\"room\":\"" + room + "\",\"offset\":1}");
            assertThat(phone.next("error").path("code").asText()).isEqualTo("not_joined");
        }
    }

    @Test
    void aRegrantAllowsJoiningAgainAndRecoveringWhatWasMissed() {
        String room = "doc:regrant";
        gw.service().put("/api/acl/" + room + "/members/kim");
        try (WsClient c = gw.connect("kim", "d")) {
            c.next("welcome");
            JsonNode joined = c.join(room);
            gw.service().delete("/api/acl/" + room + "/members/kim");
            c.next("revoked");
            RecoveryOnJoinTest.publish(gw, room, "while-revoked");
            c.poll(Duration.ofMillis(200));
            assertThat(c.drain()).noneMatch(f -> f.path("op").asText().equals("event"));
            gw.service().put("/api/acl/" + room + "/members/kim");
            JsonNode rejoined = c.join(room, joined.path("epoch").asText(), joined.path("offset").asLong());
            assertThat(rejoined.path("recovered").asBoolean()).isTrue();
            assertThat(rejoined.path("replayed").asLong()).isEqualTo(1);
            assertThat(c.events(room, 1).get(0).path("event").path("resourceId").asText()).isEqualTo("while-revoked");
        }
    }
}
