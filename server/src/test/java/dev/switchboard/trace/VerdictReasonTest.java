package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.MissReason;
import dev.switchboard.model.admin.UserTimelineInfo;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trace says why a device missed an event (offline since when, closed with which code; connected
 * but not in the room) and how a device that missed it live got it back (replay or HTTP, when), with
 * its later ack, without the ack hiding the recovery.
 */
class VerdictReasonTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static Api admin() {
        return gw.api(gw.token("ops", Role.ADMIN));
    }

    private static long publish(String room, List<String> ids) {
        ObjectNode payload = Json.object();
        payload.put("n", ids.size());
        Api.Response r = gw.service().publish(Api.event("doc.changed", "r" + ids.size(), List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        ids.add(r.json().path("id").asText());
        return r.json().path("offsets").path(room).asLong();
    }

    private static EventTraceInfo trace(String eventId) throws Exception {
        return AdminJson.read(admin().get("/admin/events/" + eventId + "/trace").json(), EventTraceInfo.class);
    }

    private static EventTraceInfo.DeviceTrace device(EventTraceInfo trace, String deviceId) {
        return trace.rooms().get(0).recipients().get(0).devices().stream()
                .filter(d -> deviceId.equals(d.deviceId())).findFirst()
                .orElseThrow(() -> new AssertionError("no device " + deviceId + " in " + trace));
    }

    private static void ack(WsClient c, String room, long offset) {
        c.send("{\"op\":\"ack\",\"room\":\"" + room + "\",\"offset\":" + offset + "}");
        ObjectNode ping = Json.object();
        ping.put("op", "ping");
        c.request(ping); // the ack was handled before the pong
    }

    private static int openConnections(String user) {
        return admin().get("/admin/connections?user=" + user).json().path("total").asInt();
    }

    @Test
    void aMissedDeviceSaysItWasOfflineWithTheCloseCodeOrConnectedOutsideTheRoom() throws Exception {
        String room = "doc:why";
        gw.service().put("/api/acl/" + room + "/members/uma");
        try (WsClient tablet = gw.connect("uma", "tablet")) {
            tablet.next("welcome");
            tablet.join(room);
        }
        // The watch's token runs out while it is in the room: the gateway closes it with 4001.
        try (WsClient watch = WsClient.connect(gw.wsUrl(gw.deviceToken("uma", "watch", Duration.ofSeconds(2)))
                + "&device=watch&app=test-1.0")) {
            watch.next("welcome");
            watch.join(room);
            assertThat(watch.awaitClose(Duration.ofSeconds(10))).isEqualTo(4001);
        }
        Await.until("the tablet's and the watch's close are handled", () -> openConnections("uma") == 0);
        try (WsClient desk = gw.connect("uma", "desk")) {
            String deskConnection = desk.next("welcome").path("connectionId").asText();
            List<String> ids = new ArrayList<>();
            publish(room, ids);

            EventTraceInfo trace = trace(ids.get(0));
            EventTraceInfo.DeviceTrace tablet = device(trace, "tablet");
            assertThat(tablet.fate()).isEqualTo("missed");
            assertThat(tablet.reason()).isNotNull();
            assertThat(tablet.reason().code()).isEqualTo("offline");
            // The client closed with 1000; the gateway records 1006 when the client's socket shut before the
            // close handshake finished on its side (a race of the WebSocket library): the trace says which.
            UserTimelineInfo.Connection closed = AdminJson.read(admin().get("/admin/users/uma/timeline").json(),
                    UserTimelineInfo.class).devices().stream().filter(d -> d.deviceId().equals("tablet"))
                    .findFirst().orElseThrow().connections().get(0);
            assertThat(tablet.reason().closeCode()).isIn(1000, 1006).isEqualTo(closed.closeCode());
            assertThat(tablet.reason().connectionId()).isEqualTo(closed.connectionId());
            assertThat(tablet.reason().since()).isEqualTo(closed.disconnectedAt());
            assertThat(tablet.observations()).anySatisfy(o -> {
                assertThat(o.what()).isEqualTo("offline");
                assertThat(o.at()).isEqualTo(closed.disconnectedAt());
                assertThat(o.facts().get("closeCode").asInt()).isEqualTo(closed.closeCode());
            });
            EventTraceInfo.DeviceTrace watch = device(trace, "watch");
            assertThat(watch.fate()).isEqualTo("missed");
            assertThat(watch.reason()).extracting(MissReason::code, MissReason::closeCode, MissReason::closeReason)
                    .containsExactly("token_expired", 4001, "token expired");
            EventTraceInfo.DeviceTrace desk1 = device(trace, "desk");
            assertThat(desk1.fate()).isEqualTo("missed");
            assertThat(desk1.reason()).extracting(MissReason::code, MissReason::connectionId)
                    .containsExactly("not_joined", deskConnection);

            JsonNode timeline = admin().get("/admin/users/uma/timeline").json();
            assertThat(AdminJson.read(timeline, UserTimelineInfo.class).missed()).singleElement()
                    .satisfies(m -> assertThat(m.devices()).anySatisfy(d -> {
                        assertThat(d.deviceId()).isEqualTo("tablet");
                        assertThat(d.reason().code()).isEqualTo("offline");
                    }));
        }
    }

    @Test
    void devicesThatRecoverADroppedEventByReplayAndOverHttpAreRecoveredWithTheirPathAndTheLaterAck() throws Exception {
        String room = "doc:recover";
        gw.service().put("/api/acl/" + room + "/members/rob");
        WsClient phone = gw.connect("rob", "phone");
        WsClient laptop = gw.connect("rob", "laptop");
        try (phone; laptop) {
            String phoneConnection = phone.next("welcome").path("connectionId").asText();
            String laptopConnection = laptop.next("welcome").path("connectionId").asText();
            JsonNode joined = phone.join(room);
            laptop.join(room);
            String epoch = joined.path("epoch").asText();
            long cursor = joined.path("offset").asLong();
            for (String connection : List.of(phoneConnection, laptopConnection)) {
                Api.Response r = admin().post("/admin/faults",
                        "{\"connectionId\":\"" + connection + "\",\"kind\":\"drop\",\"count\":1}");
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
            List<String> ids = new ArrayList<>();
            publish(room, ids); // dropped on both
            long second = publish(room, ids);
            for (WsClient c : List.of(phone, laptop)) {
                assertThat(c.events(room, 1).get(0).path("offset").asLong()).isEqualTo(second);
            }

            // The phone notices the gap and rejoins with its cursor: the join replays both.
            assertThat(phone.join(room, epoch, cursor).path("recovered").asBoolean()).isTrue();
            assertThat(phone.events(room, 2).get(0).path("event").path("id").asText()).isEqualTo(ids.get(0));
            ack(phone, room, second);
            // The laptop reads the gap over HTTP, then acks what it has.
            Api laptopHttp = gw.api(gw.deviceToken("rob", "laptop"));
            assertThat(laptopHttp.get("/api/rooms/" + room + "/events?after=" + cursor).status()).isEqualTo(200);
            ack(laptop, room, second);

            EventTraceInfo trace = trace(ids.get(0));
            assertThat(trace.summary().recovered()).isEqualTo(2);
            assertThat(trace.summary().acked()).isZero();
            EventTraceInfo.DeviceTrace byReplay = device(trace, "phone");
            EventTraceInfo.DeviceTrace byHttp = device(trace, "laptop");
            assertThat(byReplay.fate()).isEqualTo("recovered");
            assertThat(byReplay.via()).isEqualTo("replay");
            assertThat(byHttp.fate()).isEqualTo("recovered");
            assertThat(byHttp.via()).isEqualTo("http");
            for (EventTraceInfo.DeviceTrace d : List.of(byReplay, byHttp)) {
                assertThat(d.recoveredAt()).as(d.deviceId()).isNotNull().isEqualTo(d.at());
                assertThat(d.ackedAt()).as(d.deviceId()).isNotNull();
                assertThat(Instant.parse(d.ackedAt())).as(d.deviceId()).isAfterOrEqualTo(Instant.parse(d.recoveredAt()));
                assertThat(d.reason()).isNull();
            }
            assertThat(byReplay.observations()).anySatisfy(o -> {
                assertThat(o.what()).isEqualTo("acknowledged");
                assertThat(o.at()).isEqualTo(byReplay.ackedAt());
            });
        }
    }

    @Test
    void aDeviceToldToReloadASnapshotOnJoinRecoveredItViaSnapshot() throws Exception {
        String room = "doc:snapshot";
        gw.service().put("/api/acl/" + room + "/members/sam");
        long cursor;
        try (WsClient tablet = gw.connect("sam", "tablet")) {
            tablet.next("welcome");
            cursor = tablet.join(room).path("offset").asLong();
        }
        Await.until("the tablet's close is handled", () -> openConnections("sam") == 0);
        List<String> ids = new ArrayList<>();
        publish(room, ids);
        assertThat(device(trace(ids.get(0)), "tablet").fate()).isEqualTo("missed");

        try (WsClient tablet = gw.connect("sam", "tablet")) {
            tablet.next("welcome");
            assertThat(tablet.join(room, "an-epoch-this-log-never-had", cursor).path("snapshotRequired").asBoolean())
                    .isTrue();
            EventTraceInfo trace = trace(ids.get(0));
            EventTraceInfo.DeviceTrace d = device(trace, "tablet");
            assertThat(d.fate()).isEqualTo("recovered");
            assertThat(d.via()).isEqualTo("snapshot");
            assertThat(d.recoveredAt()).isNotNull();
            assertThat(d.reason()).isNull();
            assertThat(trace.summary().recovered()).isEqualTo(1);
        }
    }
}
