package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.ZoneOffset;

/** PROTOCOL.md §4: the handshake, welcome, joining and leaving, and live events, over real sockets. */
class ConnectAndJoinTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    static JsonNode publish(String room, String resource) {
        ObjectNode payload = Json.object();
        payload.put("n", resource);
        Api.Response r = gw.service().publish(Api.event("doc.changed", resource, List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void welcomeNamesTheConnectionUserDeviceNodeAndHeartbeat() {
        try (WsClient c = gw.connect("alice", "phone-1")) {
            JsonNode w = c.next();
            assertThat(w.path("op").asText()).isEqualTo("welcome");
            assertThat(w.path("connectionId").asText()).isNotEmpty();
            assertThat(w.path("userId").asText()).isEqualTo("alice");
            assertThat(w.path("deviceId").asText()).isEqualTo("phone-1");
            assertThat(w.path("node").asText()).isEqualTo("test-node");
            assertThat(w.path("heartbeatMs").asLong()).isEqualTo(25_000);
            assertThat(w.path("protocol").asInt()).isEqualTo(1);
        }
    }

    @Test
    void tokenMayComeInTheAuthorizationHeader() {
        String url = "ws://127.0.0.1:" + gw.gateway().wsPort() + "/ws?device=laptop";
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + gw.token("bob", Role.USER)).build();
        try (WsClient c = WsClient.connect(request)) {
            JsonNode w = c.next("welcome");
            assertThat(w.path("userId").asText()).isEqualTo("bob");
            assertThat(w.path("deviceId").asText()).isEqualTo("laptop");
        }
    }

    @Test
    void theDeviceIdIsTheTokensClaimThenTheQueryThenAGeneratedOne() {
        String base = "ws://127.0.0.1:" + gw.gateway().wsPort() + "/ws?token=";
        TokenIssuer issuer = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC());
        try (WsClient claimed = WsClient.connect(base + issuer.issue("ida", Role.USER, "tablet", Duration.ofHours(1)) + "&device=other");
             WsClient anonymous1 = WsClient.connect(base + gw.token("ida", Role.USER));
             WsClient anonymous2 = WsClient.connect(base + gw.token("ida", Role.USER))) {
            assertThat(claimed.next("welcome").path("deviceId").asText()).as("the claim wins over the query").isEqualTo("tablet");
            String a = anonymous1.next("welcome").path("deviceId").asText();
            String b = anonymous2.next("welcome").path("deviceId").asText();
            assertThat(a).startsWith("d-");
            assertThat(b).startsWith("d-").isNotEqualTo(a);
        }
    }

    @Test
    void refusedHandshakesAnswer401WithAReason() {
        String base = "ws://127.0.0.1:" + gw.gateway().wsPort() + "/ws";
        TokenIssuer forger = new TokenIssuer("another-secret-0123456789-abcdefghijkl", Clock.systemUTC());
        TokenIssuer issuer = new TokenIssuer(TestGateway.SECRET, Clock.fixed(Instant.now().minusSeconds(7200), ZoneOffset.UTC));
        for (String url : List.of(base, base + "?token=", base + "?token=garbage",
                base + "?token=" + forger.issue("alice", Role.USER, null, Duration.ofHours(1)),
                base + "?token=" + issuer.issue("alice", Role.USER, null, Duration.ofHours(1)))) {
            WsClient c = WsClient.connect(url);
            assertThat(c.refusedStatus()).as(url).isEqualTo(401);
            assertThat(c.refusedBody()).contains("\"error\":\"unauthorized\"");
            c.close();
        }
    }

    @Test
    void anUnknownPathIsNotFound() {
        WsClient c = WsClient.connect("ws://127.0.0.1:" + gw.gateway().wsPort() + "/other?token=" + gw.token("a", Role.USER));
        assertThat(c.refusedStatus()).isEqualTo(404);
        c.close();
    }

    @Test
    void joinAnswersTheHeadAndThenEventsArriveLiveInOrder() {
        gw.service().put("/api/acl/doc:live/members/carol");
        publish("doc:live", "r1");
        try (WsClient c = gw.connect("carol", "d1")) {
            c.next("welcome");
            JsonNode joined = c.join("doc:live");
            assertThat(joined.path("op").asText()).isEqualTo("joined");
            assertThat(joined.path("room").asText()).isEqualTo("doc:live");
            assertThat(joined.path("offset").asLong()).isEqualTo(1);
            assertThat(joined.path("epoch").asText()).isNotEmpty();
            assertThat(joined.path("recovered").asBoolean()).isFalse();
            assertThat(joined.path("replayed").asLong()).isZero();
            assertThat(joined.path("snapshotRequired").asBoolean()).isFalse();
            for (int i = 0; i < 20; i++) {
                publish("doc:live", "r" + i);
            }
            List<JsonNode> events = c.events("doc:live", 20);
            for (int i = 0; i < 20; i++) {
                JsonNode e = events.get(i);
                assertThat(e.path("offset").asLong()).isEqualTo(2 + i);
                assertThat(e.path("epoch").asText()).isEqualTo(joined.path("epoch").asText());
                assertThat(e.path("event").path("resourceId").asText()).isEqualTo("r" + i);
                assertThat(e.path("event").path("type").asText()).isEqualTo("doc.changed");
            }
        }
    }

    @Test
    void eventsOfTheUsersOwnRoomArriveWithoutJoining() {
        try (WsClient c = gw.connect("dave", "d1")) {
            c.next("welcome");
            JsonNode published = publish("user:dave", "inbox");
            JsonNode e = c.next("event");
            assertThat(e.path("room").asText()).isEqualTo("user:dave");
            assertThat(e.path("event").path("id").asText()).isEqualTo(published.path("id").asText());
        }
    }

    @Test
    void leaveAnswersLeftAndStopsEvents() {
        gw.service().put("/api/acl/doc:leave/members/erin");
        try (WsClient c = gw.connect("erin", "d1")) {
            c.next("welcome");
            c.join("doc:leave");
            ObjectNode leave = Json.object();
            leave.put("op", "leave");
            leave.put("room", "doc:leave");
            JsonNode left = c.request(leave);
            assertThat(left.path("op").asText()).isEqualTo("left");
            assertThat(left.path("room").asText()).isEqualTo("doc:leave");
            publish("doc:leave", "after-leave");
            publish("user:erin", "marker");
            JsonNode next = c.next("event");
            assertThat(next.path("room").asText()).as("no event of the room left").isEqualTo("user:erin");
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient c = gw.connect("frank", "d1")) {
            c.next("welcome");
            ObjectNode ping = Json.object();
            ping.put("op", "ping");
            JsonNode pong = c.request(ping);
            assertThat(pong.path("op").asText()).isEqualTo("pong");
        }
    }

    @Test
    void acksAreRecordedAndFanoutIsMeasured() {
        gw.service().put("/api/acl/doc:acked/members/gus");
        try (WsClient c = gw.connect("gus", "d1")) {
            c.next("welcome");
            c.join("doc:acked");
            String before = gw.anonymous().get("/metrics").body();
            publish("doc:acked", "x");
            long offset = c.events("doc:acked", 1).get(0).path("offset").asLong();
            c.send("{\"op\":\"ack\",\"room\":\"doc:acked\",\"offset\":" + offset + "}");
            ObjectNode ping = Json.object();
            ping.put("op", "ping");
            assertThat(c.request(ping).path("op").asText()).as("an ack has no answer; the next answer is the pong").isEqualTo("pong");
            String after = gw.anonymous().get("/metrics").body();
            assertThat(metric(after, "switchboard_acks_total")).isGreaterThan(metric(before, "switchboard_acks_total"));
            assertThat(metric(after, "switchboard_deliveries_total")).isGreaterThan(metric(before, "switchboard_deliveries_total"));
            assertThat(metric(after, "switchboard_fanout_lag_seconds_count")).isGreaterThan(metric(before, "switchboard_fanout_lag_seconds_count"));
            assertThat(metric(after, "switchboard_ws_connections")).isGreaterThanOrEqualTo(1);
        }
    }

    static double metric(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
