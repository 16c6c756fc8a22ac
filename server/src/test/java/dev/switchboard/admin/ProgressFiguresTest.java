package dev.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms list, the members answer and the connection answer agree on a room's head, and the
 * figures {@code unsent} and {@code unacked} mean what docs/admin-api.md says, against the real gateway.
 */
class ProgressFiguresTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static Api admin() {
        return gw.api(gw.token("ops", Role.ADMIN));
    }

    private static void publish(String room, int n) {
        for (int i = 0; i < n; i++) {
            ObjectNode payload = Json.object().put("i", i);
            assertThat(gw.service().publish(Api.event("fig.changed", "r" + i, List.of(room), payload)).status())
                    .isEqualTo(201);
        }
    }

    private static long listedHead(String room) {
        for (JsonNode r : admin().get("/admin/rooms").json().path("rooms")) {
            if (r.path("room").asText().equals(room)) {
                return r.path("head").asLong();
            }
        }
        throw new AssertionError(room + " is not in /admin/rooms");
    }

    private static JsonNode members(String room) {
        return admin().get("/admin/rooms/" + room + "/members").json();
    }

    /** The only connection in a members answer. */
    private static JsonNode member(JsonNode members) {
        return members.path("users").get(0).path("devices").get(0).path("connections").get(0);
    }

    private static JsonNode progress(String connectionId, String room) {
        for (JsonNode r : admin().get("/admin/connections/" + connectionId).json().path("rooms")) {
            if (r.path("room").asText().equals(room)) {
                return r;
            }
        }
        throw new AssertionError(connectionId + " is not in " + room);
    }

    /** The user room's head is read on the connection's request queue: a request answered after it has it. */
    private static void setUpDone(WsClient c) {
        assertThat(c.request(Json.object().put("op", "ping")).path("op").asText()).isEqualTo("pong");
    }

    @Test
    void aUserRoomJoinedOnConnectShowsTheLogsHeadEverywhere() {
        publish("user:fig-ann", 3); // before the device connects: not owed to it
        try (WsClient c = gw.connect("fig-ann", "phone")) {
            String id = c.next("welcome").path("connectionId").asText();
            setUpDone(c);
            assertThat(listedHead("user:fig-ann")).isEqualTo(3);
            JsonNode before = members("user:fig-ann");
            assertThat(before.path("head").asLong()).isEqualTo(3);
            assertThat(member(before).path("deliveredTo").asLong()).isEqualTo(3);
            assertThat(member(before).path("unsent").asLong()).isZero();
            assertThat(member(before).path("unacked").asLong()).isZero();

            publish("user:fig-ann", 5);
            c.events("user:fig-ann", 5);
            assertThat(listedHead("user:fig-ann")).isEqualTo(8);
            JsonNode m = member(members("user:fig-ann"));
            assertThat(members("user:fig-ann").path("head").asLong()).isEqualTo(8);
            assertThat(m.path("deliveredTo").asLong() + m.path("unsent").asLong()).isEqualTo(8);
            JsonNode p = progress(id, "user:fig-ann");
            assertThat(p.path("deliveredTo").asLong() + p.path("unsent").asLong()).isEqualTo(8);
        }
    }

    @Test
    void aRoomThatFillsAgainShowsTheLogsHeadBeforeItsNextEvent() {
        gw.service().put("/api/acl/doc:fig/members/fig-ben");
        publish("doc:fig", 4);
        try (WsClient c = gw.connect("fig-ben", "laptop")) {
            c.next("welcome");
            c.join("doc:fig");
            assertThat(listedHead("doc:fig")).isEqualTo(4);
            JsonNode members = members("doc:fig");
            assertThat(members.path("head").asLong()).isEqualTo(4);
            assertThat(member(members).path("deliveredTo").asLong()).isEqualTo(4);
            assertThat(member(members).path("unsent").asLong()).isZero();
            assertThat(member(members).path("unacked").asLong()).as("the 4 before the join are not owed an ack").isZero();
        }
    }

    @Test
    void aDeviceThatDoesNotAckHasUnackedEventsAndNoneUnsent() {
        gw.service().put("/api/acl/doc:fig-quiet/members/fig-cat");
        try (WsClient c = gw.connect("fig-cat", "tablet")) {
            String id = c.next("welcome").path("connectionId").asText();
            c.join("doc:fig-quiet");
            publish("doc:fig-quiet", 6);
            c.events("doc:fig-quiet", 6);

            JsonNode p = progress(id, "doc:fig-quiet");
            assertThat(p.path("deliveredTo").asLong()).isEqualTo(6);
            assertThat(p.path("ackedTo").asLong()).isZero();
            assertThat(p.path("unsent").asLong()).isZero();
            assertThat(p.path("lag").asLong()).isEqualTo(p.path("unsent").asLong());
            assertThat(p.path("unacked").asLong()).isEqualTo(6);
            JsonNode m = member(members("doc:fig-quiet"));
            assertThat(m.path("unsent").asLong()).isZero();
            assertThat(m.path("unacked").asLong()).isEqualTo(6);

            ObjectNode ack = Json.object().put("op", "ack").put("room", "doc:fig-quiet").put("offset", 4);
            c.send(ack);
            Await.until("the ack counts", () -> progress(id, "doc:fig-quiet").path("unacked").asLong() == 2);
        }
    }
}
