package dev.switchboard.adminclient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.admin.AclMembers;
import dev.switchboard.model.admin.AuditTrail;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.model.admin.NodeStatus;
import dev.switchboard.model.admin.Published;
import dev.switchboard.model.admin.Redelivery;
import dev.switchboard.model.admin.RoomList;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.model.admin.UserTimelineInfo;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed admin client against a real gateway on ephemeral ports: every answer decodes into its record. */
class AdminHttpClientTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static AdminHttpClient admin() {
        return new AdminHttpClient(gw.gateway().httpUrl("127.0.0.1"), gw.token("ops", Role.ADMIN),
                AdminHttpClient.defaultHttp());
    }

    private static <T> T await(CompletableFuture<T> call) throws Exception {
        return call.get(10, TimeUnit.SECONDS);
    }

    private static String publish(String room, String resource) {
        ObjectNode payload = Json.object();
        payload.put("r", resource);
        Api.Response r = gw.service().publish(Api.event("doc.changed", resource, List.of(room), payload));
        assertThat(r.status()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    /** The user's phone, welcomed and joined to the room, which the user is made a member of first. */
    private static WsClient phoneIn(String user, String room) throws Exception {
        gw.service().put("/api/acl/" + room + "/members/" + user);
        WsClient phone = gw.connect(user, "phone");
        phone.next("welcome");
        phone.join(room);
        return phone;
    }

    @Test
    void nodeAndStatsDescribeTheRunningNode() throws Exception {
        NodeStatus node = await(admin().node());
        assertThat(node.node()).isEqualTo("test-node");
        assertThat(node.listeners().wsPort()).isEqualTo(gw.gateway().wsPort());
        assertThat(node.eventLog().store()).isEqualTo("h2");
        assertThat(node.eventLog().healthy()).isTrue();
        assertThat(node.stats()).isNull();
        assertThat(await(admin().stats()).stats()).isNotNull();
        assertThat(await(admin().info()).wsUrl()).contains(":" + gw.gateway().wsPort());
    }

    @Test
    void publishTraceAndTimelineAreTyped() throws Exception {
        try (WsClient phone = phoneIn("uli", "doc:traced")) {
            Published published = await(admin().publish(Api.event("doc.changed", "r2", List.of("doc:traced"),
                    Json.object())));
            assertThat(published.offsets()).containsEntry("doc:traced", 1L);
            phone.events("doc:traced", 1);

            EventTraceInfo trace = await(admin().trace(published.id()));
            assertThat(trace.seq()).isEqualTo(published.seq());
            assertThat(trace.rooms()).singleElement().satisfies(room -> {
                assertThat(room.offset()).isEqualTo(1);
                assertThat(room.recipients()).singleElement().satisfies(user -> {
                    assertThat(user.userId()).isEqualTo("uli");
                    assertThat(user.missed()).isFalse();
                    EventTraceInfo.DeviceTrace device = user.devices().get(0);
                    assertThat(device.deviceId()).isEqualTo("phone");
                    assertThat(device.fate()).isIn("delivered", "acked");
                    assertThat(device.observations()).extracting(EventTraceInfo.Observation::what).contains("delivered");
                });
            });

            UserTimelineInfo timeline = await(admin().timeline("uli", null, null));
            assertThat(timeline.devices()).singleElement().satisfies(d -> {
                assertThat(d.deviceId()).isEqualTo("phone");
                assertThat(d.connections().get(0).appVersion()).isEqualTo("test-1.0");
                assertThat(d.connections().get(0).joins()).extracting(UserTimelineInfo.Join::room).contains("doc:traced");
            });
        }
    }

    @Test
    void connectionsRoomsMembersEventsRedeliveryAndAuditAreTyped() throws Exception {
        try (WsClient phone = phoneIn("tia", "doc:typed")) {
            String eventId = publish("doc:typed", "r1");
            phone.events("doc:typed", 1);

            ConnectionPage page = await(admin().connections(Map.of("user", "tia")));
            assertThat(page.total()).isEqualTo(1);
            ConnectionInfo listed = page.connections().get(0);
            assertThat(listed.deviceId()).isEqualTo("phone");
            assertThat(listed.appVersion()).isEqualTo("test-1.0");
            assertThat(listed.rooms()).extracting(ConnectionInfo.RoomProgress::room).contains("doc:typed", "user:tia");
            ConnectionPage sorted = await(admin().connections(Map.of("user", "tia", "sort", "unacked", "order", "desc")));
            assertThat(sorted.offset()).as("a page by offset says where it starts").isZero();
            assertThat(sorted.next()).isNull();
            assertThat(page.offset()).as("a page by cursor has none").isNull();

            ConnectionInfo detail = await(admin().connection(listed.connectionId()));
            assertThat(detail.heartbeatAgoMs()).isNotNull();
            ConnectionInfo.RoomProgress inRoom = detail.rooms().stream()
                    .filter(r -> r.room().equals("doc:typed")).findFirst().orElseThrow();
            assertThat(inRoom.deliveredTo()).isEqualTo(1);

            RoomList rooms = await(admin().rooms());
            assertThat(rooms.rooms()).anySatisfy(r -> {
                assertThat(r.room()).isEqualTo("doc:typed");
                assertThat(r.head()).isEqualTo(1);
            });
            RoomMembers members = await(admin().members("doc:typed"));
            assertThat(members.users()).singleElement().satisfies(u -> {
                assertThat(u.userId()).isEqualTo("tia");
                assertThat(u.devices().get(0).connections().get(0).connectionId()).isEqualTo(listed.connectionId());
            });

            EventList events = await(admin().events(Map.of("room", "doc:typed")));
            assertThat(events.events()).singleElement().satisfies(e -> {
                assertThat(e.eventId()).isEqualTo(eventId);
                assertThat(e.offsets()).containsEntry("doc:typed", 1L);
            });
            assertThat(await(admin().trace(eventId)).eventId()).isEqualTo(eventId);

            assertThat(await(admin().redeliver(listed.connectionId(), new Redelivery("doc:typed", 1, 1))).sent())
                    .isEqualTo(1);
            AuditTrail audit = await(admin().audit(10));
            assertThat(audit.entries()).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("redeliver");
                assertThat(e.admin()).isEqualTo("ops");
                assertThat(e.target()).isEqualTo("connection:" + listed.connectionId());
            });
        }
    }

    @Test
    void faultsAreInjectedListedAndCleared() throws Exception {
        try (WsClient phone = gw.connect("fay", "phone")) {
            phone.next("welcome");
            FaultInfo fault = await(admin().injectFault(FaultRequest.onUser("fay", "drop").count(2).durationMs(30_000)));
            assertThat(fault.faultId()).isNotBlank();
            assertThat(fault.target()).isEqualTo("user:fay");
            assertThat(fault.count()).isEqualTo(2);
            assertThat(fault.connections()).hasSize(1);
            assertThat(await(admin().faults()).faults()).filteredOn(f -> f.faultId().equals(fault.faultId()))
                    .singleElement().satisfies(listed -> {
                        assertThat(listed.connections()).as("the connections it acts on now")
                                .isEqualTo(fault.connections());
                        assertThat(listed.expiresAt()).isNotBlank();
                        assertThat(listed.createdBy()).isEqualTo("ops");
                    });
            await(admin().clearFault(fault.faultId()));
            assertThat(await(admin().faults()).faults()).extracting(FaultInfo::faultId).doesNotContain(fault.faultId());
        }
    }

    @Test
    void aRoomsAclIsReadGrantedAndRevokedAndRevokingEvictsTheUsersConnections() throws Exception {
        String room = "doc:acl-typed";
        await(admin().grant(room, "gil"));
        await(admin().grant(room, "gil"));
        await(admin().grant(room, "hal"));
        assertThat(await(admin().aclMembers(room))).isEqualTo(new AclMembers(room, List.of("gil", "hal")));

        try (WsClient phone = gw.connect("gil", "phone")) {
            phone.next("welcome");
            assertThat(phone.join(room).path("op").asText()).isEqualTo("joined");
            await(admin().revoke(room, "gil"));

            assertThat(await(admin().aclMembers(room)).members()).containsExactly("hal");
            assertThat(phone.next("revoked").path("room").asText()).isEqualTo(room);
            assertThatThrownBy(() -> await(admin().members(room))).as("nobody is left in the room")
                    .cause().isInstanceOfSatisfying(AdminCallException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
        assertThat(await(admin().audit(10)).entries()).extracting(AuditTrail.Entry::action).startsWith("acl.revoke");
        assertThatThrownBy(() -> await(admin().aclMembers("user:gil"))).as("user: rooms have no ACL")
                .cause().isInstanceOfSatisfying(AdminCallException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void aRefusedCallFailsWithTheGatewaysCodeAndAnUnreachableOneWithStatusZero() {
        assertThatThrownBy(() -> await(admin().connection("nope")))
                .cause().isInstanceOfSatisfying(AdminCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not_found");
                });
        AdminHttpClient user = new AdminHttpClient(gw.gateway().httpUrl("127.0.0.1"), gw.token("ann", Role.USER),
                AdminHttpClient.defaultHttp());
        assertThatThrownBy(() -> await(user.node()))
                .cause().isInstanceOfSatisfying(AdminCallException.class, e -> assertThat(e.status()).isEqualTo(403));
        AdminHttpClient nowhere = new AdminHttpClient("http://127.0.0.1:1", "x", AdminHttpClient.defaultHttp());
        assertThatThrownBy(() -> await(nowhere.node()))
                .cause().isInstanceOfSatisfying(AdminCallException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.code()).isEqualTo("unreachable");
                });
    }
}
