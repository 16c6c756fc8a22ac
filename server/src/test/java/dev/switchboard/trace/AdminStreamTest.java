package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /admin/ws: a snapshot, then deltas a console can filter. */
class AdminStreamTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static WsClient console() {
        return WsClient.connect("ws://127.0.0.1:" + gw.gateway().wsPort() + "/admin/ws?token=" + gw.token("ops", Role.ADMIN));
    }

    private static boolean hasItem(JsonNode frame, String kind, String field, String value) {
        for (JsonNode item : frame.path("items")) {
            if (item.path("kind").asText().equals(kind) && item.path(field).asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode subscribeToEvents() {
        ObjectNode sub = Json.object();
        sub.put("op", "subscribe");
        sub.putArray("topics").add("events");
        return sub;
    }

    @Test
    void aConsoleGetsASnapshotThenDeltas() {
        try (WsClient early = gw.connect("sam", "phone")) {
            early.next("welcome");
            try (WsClient console = console()) {
                JsonNode snapshot = console.next();
                assertThat(snapshot.path("op").asText()).isEqualTo("snapshot");
                assertThat(snapshot.path("connections")).extracting(c -> c.path("userId").asText()).contains("sam");
                assertThat(snapshot.path("stats").path("connections").asInt()).isGreaterThanOrEqualTo(1);

                try (WsClient late = gw.connect("tia", "tablet")) {
                    late.next("welcome");
                    console.next(f -> hasItem(f, "connection.opened", "userId", "tia"));
                    ObjectNode payload = Json.object();
                    Api.Response r = gw.service().publish(Api.event("doc.changed", "x", List.of("user:tia"), payload));
                    String id = r.json().path("id").asText();
                    JsonNode published = console.next(f -> hasItem(f, "event.published", "eventId", id));
                    assertThat(published.path("op").asText()).isEqualTo("deltas");
                }
                console.next(f -> hasItem(f, "connection.closed", "userId", "tia"));
                JsonNode stats = console.next(f -> f.has("stats"));
                assertThat(stats.path("stats").path("kind").asText()).isEqualTo("stats");
            }
        }
    }

    @Test
    void aConsoleCanSubscribeToOneRoomsEventsOnly() {
        try (WsClient console = console()) {
            console.next("snapshot");
            ObjectNode sub = subscribeToEvents();
            sub.put("room", "user:uma");
            JsonNode ok = console.request(sub);
            assertThat(ok.path("op").asText()).isEqualTo("subscribed");
            assertThat(ok.path("topics")).extracting(JsonNode::asText).containsExactly("events");
            String other = gw.service().publish(Api.event("doc.changed", "x", List.of("user:vic"), Json.object()))
                    .json().path("id").asText();
            String mine = gw.service().publish(Api.event("doc.changed", "x", List.of("user:uma"), Json.object()))
                    .json().path("id").asText();
            JsonNode frame = console.next(f -> hasItem(f, "event.published", "eventId", mine));
            assertThat(frame.toString()).doesNotContain(other).doesNotContain("connection.opened");
        }
    }

    @Test
    void aSubscriptionNamesItsRateCapWhichIsAtMostTwoThousandAndByDefaultTwoHundred() {
        try (WsClient console = console()) {
            console.next("snapshot");
            ObjectNode sub = subscribeToEvents();
            sub.put("maxPerSecond", 1_000_000);
            assertThat(console.request(sub).path("maxPerSecond").asInt()).isEqualTo(2_000);
            sub.remove("maxPerSecond");
            assertThat(console.request(sub).path("maxPerSecond").asInt()).isEqualTo(200);
            sub.put("maxPerSecond", 0);
            assertThat(console.request(sub).path("maxPerSecond").asInt()).isEqualTo(1);
        }
    }

    @Test
    void statsCarryTotalsAndTheLastSecondsLatencyForLiveCharts() {
        try (WsClient console = console(); WsClient phone = gw.connect("wes", "phone")) {
            console.next("snapshot");
            phone.next("welcome");
            phone.send("{\"op\":\"nonsense\"}"); // an error frame: unknown_op
            phone.next("error");
            JsonNode before = console.next(f -> f.has("stats")).path("stats");
            for (int i = 0; i < 3; i++) {
                gw.service().publish(Api.event("doc.changed", "x", List.of("user:wes"), Json.object()));
            }
            phone.events("user:wes", 3);
            JsonNode after = console.next(f -> f.has("stats")
                    && f.path("stats").path("deliveries").asLong() >= before.path("deliveries").asLong() + 3).path("stats");
            assertThat(after.path("eventsFannedOut").asLong()).isGreaterThanOrEqualTo(before.path("eventsFannedOut").asLong() + 3);
            assertThat(after.path("errors").path("unknown_op").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(after.path("connectionsOpened").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(after.has("reconnects")).isTrue();
            assertThat(after.path("failures").isObject()).isTrue();
            JsonNode latency = after.path("deliveryLatencyMs");
            assertThat(latency.path("count").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(latency.path("p99").asDouble()).isGreaterThanOrEqualTo(latency.path("p50").asDouble()).isPositive();
        }
    }

    @Test
    void aStatsOnlySnapshotCarriesTheFiguresWithoutTheListsAndOtherValuesAreRefused() {
        String base = "ws://127.0.0.1:" + gw.gateway().wsPort() + "/admin/ws?token=" + gw.token("ops", Role.ADMIN);
        try (WsClient early = gw.connect("uma", "phone")) {
            early.join("user:uma");
            try (WsClient console = WsClient.connect(base + "&snapshot=stats")) {
                JsonNode snapshot = console.next();
                assertThat(snapshot.path("op").asText()).isEqualTo("snapshot");
                assertThat(snapshot.has("connections")).as("no connection list: " + snapshot).isFalse();
                assertThat(snapshot.has("rooms")).as("no room list").isFalse();
                assertThat(snapshot.path("connectionsTotal").asInt()).isGreaterThanOrEqualTo(1);
                assertThat(snapshot.path("stats").path("rooms").asInt()).isGreaterThanOrEqualTo(1);
                // the deltas are the same as with a full snapshot
                try (WsClient late = gw.connect("vic", "tablet")) {
                    late.next("welcome");
                    console.next(f -> hasItem(f, "connection.opened", "userId", "vic"));
                }
            }
        }
        WsClient bogus = WsClient.connect(base + "&snapshot=everything");
        assertThat(bogus.refusedStatus()).isEqualTo(400);
        bogus.close();
    }

    @Test
    void onlyAdminTokensMayOpenTheStream() {
        String base = "ws://127.0.0.1:" + gw.gateway().wsPort() + "/admin/ws";
        WsClient user = WsClient.connect(base + "?token=" + gw.token("eve", Role.USER));
        assertThat(user.refusedStatus()).isEqualTo(403);
        user.close();
        WsClient service = WsClient.connect(base + "?token=" + gw.token("svc", Role.SERVICE));
        assertThat(service.refusedStatus()).isEqualTo(403);
        service.close();
        WsClient none = WsClient.connect(base);
        assertThat(none.refusedStatus()).isEqualTo(401);
        none.close();
    }
}
