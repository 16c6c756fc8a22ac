package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.UserTimelineInfo;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.TreeMap;

/**
 * GET /admin/events/{id}/trace and /admin/users/{id}/timeline against the real gateway: what each
 * device of a user did with an event, live, acknowledged, offline then recovered, and after a restart.
 */
class DeliveryTraceTest {
    private static final String ROOM = "doc:traced";

    private static String publish(TestGateway gw, String resource) {
        ObjectNode payload = Json.object();
        payload.put("r", resource);
        Api.Response r = gw.service.publish(Api.event("doc.changed", resource, List.of(ROOM), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static Map<String, JsonNode> devices(JsonNode trace, String room, String user) {
        for (JsonNode r : trace.path("rooms")) {
            if (r.path("room").asText().equals(room)) {
                for (JsonNode u : r.path("recipients")) {
                    if (u.path("userId").asText().equals(user)) {
                        Map<String, JsonNode> byDevice = new TreeMap<>();
                        u.path("devices").forEach(d -> byDevice.put(d.path("deviceId").asText(), d));
                        return byDevice;
                    }
                }
            }
        }
        throw new AssertionError("no recipient " + user + " in room " + room + ": " + trace);
    }

    /**
     * The live answer read into its shared record, which must write back the same JSON: the records,
     * which admin clients read, lose nothing the gateway says.
     */
    private static <T> T typed(JsonNode answer, Class<T> type) throws Exception {
        T record = AdminJson.read(answer, type);
        assertThat(Json.parse(AdminJson.write(record))).isEqualTo(answer);
        return record;
    }

    private static String fate(JsonNode trace, String device) {
        return devices(trace, ROOM, "zoe").get(device).path("fate").asText();
    }

    @Test
    void twoDevicesGetItLiveTheThirdWasOfflineAndRecoversAndTheTraceSurvivesARestart(@TempDir Path dir) throws Exception {
        String eventId;
        String tabletEpoch;
        long tabletCursor;
        try (TestGateway gw = TestGateway.start(dir)) {
            Api admin = gw.api(gw.token("ops", Role.ADMIN));
            gw.service.put("/api/acl/" + ROOM + "/members/zoe");
            try (WsClient tablet = gw.connect("zoe", "tablet")) {
                tablet.next("welcome");
                JsonNode joined = tablet.join(ROOM);
                tabletEpoch = joined.path("epoch").asText();
                tabletCursor = joined.path("offset").asLong();
            }
            WsClient phone = gw.connect("zoe", "phone");
            WsClient laptop = gw.connect("zoe", "laptop");
            for (WsClient c : List.of(phone, laptop)) {
                c.next("welcome");
                c.join(ROOM);
            }
            eventId = publish(gw, "item-1");
            long offset = 0;
            for (WsClient c : List.of(phone, laptop)) {
                JsonNode e = c.events(ROOM, 1).get(0);
                assertThat(e.path("event").path("id").asText()).isEqualTo(eventId);
                offset = e.path("offset").asLong();
            }
            phone.send("{\"op\":\"ack\",\"room\":\"" + ROOM + "\",\"offset\":" + offset + "}");
            ObjectNode ping = Json.object();
            ping.put("op", "ping");
            phone.request(ping); // the ack was handled before the pong

            JsonNode trace = admin.get("/admin/events/" + eventId + "/trace").json();
            assertThat(trace.path("eventId").asText()).isEqualTo(eventId);
            EventTraceInfo typed = typed(trace, EventTraceInfo.class);
            assertThat(typed.summary().acked()).isEqualTo(1);
            assertThat(typed.rooms()).singleElement().satisfies(room -> assertThat(room.recipients())
                    .singleElement().satisfies(zoe -> assertThat(zoe.devices())
                            .extracting(EventTraceInfo.DeviceTrace::deviceId).contains("phone", "laptop", "tablet")));
            assertThat(trace.path("committedAt").asText()).isNotEmpty();
            assertThat(trace.path("receivedAt").asText()).isNotEmpty();
            assertThat(trace.path("handedToFanout")).isNotEmpty();
            assertThat(fate(trace, "phone")).isEqualTo("acked");
            assertThat(fate(trace, "laptop")).isEqualTo("delivered");
            assertThat(devices(trace, ROOM, "zoe").get("laptop").path("connectionId").asText()).isNotEmpty();
            assertThat(fate(trace, "tablet")).as("offline when it was published").isEqualTo("missed");

            // The tablet comes back and recovers with its cursor.
            try (WsClient tablet = gw.connect("zoe", "tablet")) {
                tablet.next("welcome");
                JsonNode rejoined = tablet.join(ROOM, tabletEpoch, tabletCursor);
                assertThat(rejoined.path("recovered").asBoolean()).isTrue();
                assertThat(tablet.events(ROOM, 1).get(0).path("event").path("id").asText()).isEqualTo(eventId);
                JsonNode after = admin.get("/admin/events/" + eventId + "/trace").json();
                typed(after, EventTraceInfo.class);
                assertThat(fate(after, "tablet")).isEqualTo("recovered");
                assertThat(devices(after, ROOM, "zoe").get("tablet").path("via").asText()).isEqualTo("replay");
                assertThat(after.path("rooms").get(0).path("recipients").get(0).path("missed").asBoolean()).isFalse();
            }
            phone.close();
            laptop.close();
            awaitNoConnections(admin, "zoe");

            // Everyone offline: the next event is missed by the user, until the phone reads it over HTTP.
            String whileAway = publish(gw, "item-2");
            JsonNode timeline = admin.get("/admin/users/zoe/timeline").json();
            UserTimelineInfo typedTimeline = typed(timeline, UserTimelineInfo.class);
            assertThat(typedTimeline.missed()).singleElement().satisfies(m -> assertThat(m.devices())
                    .extracting(UserTimelineInfo.DeviceMiss::fate).containsOnly("missed"));
            assertThat(timeline.path("devices")).extracting(d -> d.path("deviceId").asText())
                    .contains("phone", "laptop", "tablet");
            assertThat(timeline.path("missed")).extracting(m -> m.path("eventId").asText()).containsExactly(whileAway);
            assertThat(gw.user("zoe").get("/api/rooms/" + ROOM + "/events?after=" + offset).status()).isEqualTo(200);
            JsonNode later = admin.get("/admin/users/zoe/timeline").json();
            assertThat(later.path("missed")).as("recovered over HTTP").isEmpty();
            JsonNode readOverHttp = admin.get("/admin/events/" + whileAway + "/trace").json();
            assertThat(fate(readOverHttp, "phone")).isEqualTo("recovered");
            assertThat(typed(readOverHttp, EventTraceInfo.class).rooms().get(0).recipients().get(0).devices())
                    .flatExtracting(EventTraceInfo.DeviceTrace::observations)
                    .anySatisfy(o -> assertThat(o.facts()).containsKey("deviceKnown"));
        }

        // A restart keeps the trace.
        try (TestGateway gw = TestGateway.start(dir)) {
            Api admin = gw.api(gw.token("ops", Role.ADMIN));
            JsonNode trace = admin.get("/admin/events/" + eventId + "/trace").json();
            assertThat(fate(trace, "phone")).isEqualTo("acked");
            assertThat(fate(trace, "laptop")).isEqualTo("delivered");
            assertThat(fate(trace, "tablet")).isEqualTo("recovered");
            assertThat(admin.get("/admin/events/nope/trace").status()).isEqualTo(404);
        }
    }

    @Test
    void onlyAdminsMayReadTraces(@TempDir Path dir) {
        try (TestGateway gw = TestGateway.start(dir)) {
            for (String path : List.of("/admin/events/x/trace", "/admin/users/zoe/timeline", "/admin/node")) {
                assertThat(gw.user("zoe").get(path).status()).as(path).isEqualTo(403);
                assertThat(gw.service.get(path).status()).as(path).isEqualTo(403);
                assertThat(gw.anonymous().get(path).status()).as(path).isEqualTo(401);
            }
        }
    }

    /** Closing is asynchronous: wait until the gateway has seen every connection of the user go. */
    private static void awaitNoConnections(Api admin, String user) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (admin.get("/admin/connections?user=" + user).json().path("total").asInt() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connections of " + user + " still open after 5 s");
            }
            Thread.sleep(10);
        }
    }
}
