package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 7: an ack beyond what was delivered to the connection used to be believed, and an
 * event published after the device went away was then traced as {@code acked}. Such an ack is answered
 * {@code invalid_ack} and not recorded; the event is {@code missed}.
 */
class BogusAckTest {
    private static final String ROOM = "doc:acks";

    private static String publish(TestGateway gw, int n) {
        Api.Response r = gw.service.publish(Api.event("doc.changed", "doc:acks-" + n, List.of(ROOM),
                Json.object().put("n", n)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static String ack(long offset) {
        return "{\"op\":\"ack\",\"room\":\"" + ROOM + "\",\"offset\":" + offset + "}";
    }

    private static JsonNode phoneOf(JsonNode trace) {
        for (JsonNode u : trace.path("rooms").get(0).path("recipients")) {
            for (JsonNode d : u.path("devices")) {
                if (d.path("deviceId").asText().equals("phone")) {
                    return d;
                }
            }
        }
        throw new AssertionError("no phone in " + trace);
    }

    @Test
    void anAckBeyondWhatWasDeliveredIsRefusedAndTheNextEventIsTracedAsMissed(@TempDir Path dir) {
        try (TestGateway gw = TestGateway.start(dir)) {
            Api admin = gw.api(gw.token("ops", Role.ADMIN));
            gw.service.put("/api/acl/" + ROOM + "/members/ava");
            String delivered;
            try (WsClient phone = gw.connect("ava", "phone")) {
                phone.next("welcome");
                phone.join(ROOM);
                delivered = publish(gw, 1);
                long offset = phone.events(ROOM, 1).get(0).path("offset").asLong();

                phone.send(ack(offset));
                phone.send(ack(1_000_000));
                JsonNode error = phone.next("error");
                assertThat(error.path("code").asText()).isEqualTo("invalid_ack");
                assertThat(error.path("message").asText()).contains("1000000").contains(ROOM);
                ObjectNode ping = Json.object().put("op", "ping").put("ref", "after-acks");
                assertThat(phone.request(ping).path("op").asText()).as("the connection stays").isEqualTo("pong");
                assertThat(phone.drain()).as("the ack of what was delivered is accepted silently")
                        .noneMatch(f -> f.path("op").asText().equals("error"));
            }
            Await.until("the phone's connection is gone", () -> gw.gateway().webSockets().connections() == 0);

            String whileAway = publish(gw, 2);
            assertThat(phoneOf(admin.get("/admin/events/" + whileAway + "/trace").json()).path("fate").asText())
                    .as("published after the phone went away, whatever it claimed to have acked").isEqualTo("missed");
            assertThat(phoneOf(admin.get("/admin/events/" + delivered + "/trace").json()).path("fate").asText())
                    .as("the event it did get and ack").isEqualTo("acked");
        }
    }
}
