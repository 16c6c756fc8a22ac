package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Duration;

/** The admin REST API the console uses (docs/admin-api.md), against the real gateway. */
class AdminApiTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static Api admin() {
        return gw.api(gw.token("ops", Role.ADMIN));
    }

    private static String publish(String room, String type, String resource) {
        ObjectNode payload = Json.object();
        payload.put("r", resource);
        Api.Response r = gw.service().publish(Api.event(type, resource, List.of(room), payload));
        assertThat(r.status()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    @Test
    void aclChangesByAnAdminTokenAreAuditedAndABackendsAreNot() {
        assertThat(gw.service().put("/api/acl/doc:audited/members/backend-granted").status()).isEqualTo(204);
        assertThat(admin().put("/api/acl/doc:audited/members/ivy").status()).isEqualTo(204);
        assertThat(admin().delete("/api/acl/doc:audited/members/ivy").status()).isEqualTo(204);

        List<String> entries = new ArrayList<>();
        admin().get("/admin/audit").json().path("entries").forEach(e -> entries.add(e.path("admin").asText() + " "
                + e.path("action").asText() + " " + e.path("target").asText() + " " + e.path("detail").asText()));
        assertThat(entries).filteredOn(e -> e.contains("doc:audited"))
                .containsExactly("ops acl.revoke room:doc:audited ivy", "ops acl.grant room:doc:audited ivy");
    }

    @Test
    void connectionsCanBeListedFilteredPagedAndInspected() {
        gw.service().put("/api/acl/doc:admin/members/ann");
        List<WsClient> clients = new ArrayList<>();
        try {
            for (String device : List.of("a", "b", "c")) {
                WsClient c = gw.connect("ann", device);
                c.next("welcome");
                c.join("doc:admin");
                clients.add(c);
            }
            WsClient other = gw.connect("ben", "z");
            other.next("welcome");
            clients.add(other);
            JsonNode mine = admin().get("/admin/connections?user=ann&limit=2").json();
            assertThat(mine.path("total").asInt()).isEqualTo(3);
            assertThat(mine.path("connections")).hasSize(2);
            JsonNode rest = admin().get("/admin/connections?user=ann&limit=2&cursor=" + mine.path("next").asText()).json();
            assertThat(rest.path("connections")).hasSize(1);
            assertThat(rest.path("next").isNull()).isTrue();
            assertThat(admin().get("/admin/connections?room=doc:admin").json().path("total").asInt()).isEqualTo(3);
            assertThat(admin().get("/admin/connections?app=test-1.0&user=ben").json().path("total").asInt()).isEqualTo(1);
            assertThat(admin().get("/admin/connections?node=test-node&user=ben").json().path("total").asInt()).isEqualTo(1);
            assertThat(admin().get("/admin/connections?node=other-node").json().path("total").asInt()).isZero();

            publish("doc:admin", "doc.changed", "x");
            clients.get(0).events("doc:admin", 1);
            String id = mine.path("connections").get(0).path("connectionId").asText();
            JsonNode detail = admin().get("/admin/connections/" + id).json();
            assertThat(detail.path("userId").asText()).isEqualTo("ann");
            assertThat(detail.path("rooms")).extracting(r -> r.path("room").asText()).contains("doc:admin", "user:ann");
            assertThat(admin().get("/admin/connections/nope").status()).isEqualTo(404);

            JsonNode rooms = admin().get("/admin/rooms").json().path("rooms");
            JsonNode room = null;
            for (JsonNode r : rooms) {
                if (r.path("room").asText().equals("doc:admin")) {
                    room = r;
                }
            }
            assertThat(room).isNotNull();
            assertThat(room.path("connections").asInt()).isEqualTo(3);
            assertThat(room.path("users").asInt()).isEqualTo(1);
            JsonNode members = admin().get("/admin/rooms/doc:admin/members").json();
            assertThat(members.path("users").get(0).path("userId").asText()).isEqualTo("ann");
            assertThat(members.path("users").get(0).path("devices")).extracting(d -> d.path("deviceId").asText())
                    .containsExactly("a", "b", "c");
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aConnectionThatReadEverythingHasNoBacklog() throws Exception {
        gw.service().put("/api/acl/doc:quiet/members/quinn");
        okhttp3.OkHttpClient pinging = new okhttp3.OkHttpClient.Builder()
                .pingInterval(Duration.ofMillis(50)).build(); // the gateway answers each with a pong
        try (WsClient c = WsClient.connect(new okhttp3.Request.Builder()
                .url(gw.wsUrl(gw.token("quinn", Role.USER)) + "&device=q1").build(), pinging)) {
            c.next("welcome");
            c.join("doc:quiet");
            for (int i = 0; i < 3; i++) {
                publish("doc:quiet", "doc.changed", "q" + i);
            }
            c.events("doc:quiet", 3);
            Thread.sleep(400); // several pings answered
            // The 101 response and the pongs went through the counted socket too: none of it is backlog.
            // A pong may be on its way at the moment of a sample (pings come every 50 ms): what must hold
            // is that the backlog comes back to zero, not that no sample catches a pong in flight.
            long backlog = -1;
            for (int i = 0; i < 50 && backlog != 0; i++) {
                JsonNode conn = admin().get("/admin/connections?user=quinn").json().path("connections").get(0);
                backlog = conn.path("backlogBytes").asLong();
                if (backlog != 0) {
                    Thread.sleep(20);
                }
            }
            assertThat(backlog).isZero();
        } finally {
            pinging.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void recentEventsCanBeFiltered() {
        String a = publish("doc:events", "kind.a", "res-1");
        String b = publish("doc:events", "kind.b", "res-2");
        JsonNode all = admin().get("/admin/events?room=doc:events").json().path("events");
        assertThat(all).extracting(e -> e.path("eventId").asText()).containsExactly(b, a);
        assertThat(admin().get("/admin/events?type=kind.a").json().path("events"))
                .extracting(e -> e.path("eventId").asText()).contains(a).doesNotContain(b);
        assertThat(admin().get("/admin/events?resource=res-2&room=doc:events").json().path("events"))
                .extracting(e -> e.path("eventId").asText()).containsExactly(b);
        assertThat(admin().get("/admin/events?id=" + a).json().path("events").get(0).path("offsets").path("doc:events").asLong())
                .isEqualTo(1);
    }

    @Test
    void anOperatorRedeliversARangeAndEveryActionIsAudited() {
        String room = "user:cat";
        for (int i = 0; i < 5; i++) {
            publish(room, "qa.tick", "r" + i);
        }
        try (WsClient c = gw.connect("cat", "d")) {
            String id = c.next("welcome").path("connectionId").asText();
            Api.Response r = admin().post("/admin/connections/" + id + "/redeliver", "{\"room\":\"" + room + "\",\"from\":2,\"to\":4}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("sent").asInt()).isEqualTo(3);
            List<JsonNode> got = c.events(room, 3);
            assertThat(got).extracting(e -> e.path("offset").asLong()).containsExactly(2L, 3L, 4L);
            assertThat(admin().post("/admin/connections/" + id + "/redeliver", "{\"room\":\"" + room + "\",\"from\":0,\"to\":4}")
                    .status()).isEqualTo(422);
            assertThat(admin().delete("/admin/connections/" + id).status()).isEqualTo(204);
            JsonNode audit = admin().get("/admin/audit").json().path("entries");
            assertThat(audit).extracting(e -> e.path("action").asText()).contains("redeliver", "disconnect");
            JsonNode last = audit.get(0);
            assertThat(last.path("admin").asText()).isEqualTo("ops");
            assertThat(last.path("action").asText()).isEqualTo("disconnect");
            assertThat(last.path("target").asText()).isEqualTo("connection:" + id);
            assertThat(last.path("at").asText()).isNotEmpty();
        }
    }

    @Test
    void everyAdminRouteRefusesUserAndServiceTokens() {
        Api user = gw.user("eve");
        for (String[] route : new String[][]{{"GET", "/admin/connections"}, {"GET", "/admin/connections/x"},
                {"GET", "/admin/rooms"}, {"GET", "/admin/rooms/doc:x/members"}, {"GET", "/admin/events"},
                {"GET", "/admin/stats"}, {"GET", "/admin/audit"}, {"GET", "/admin/faults"}, {"POST", "/admin/drain"},
                {"POST", "/admin/faults"}, {"DELETE", "/admin/connections/x"}, {"POST", "/admin/connections/x/redeliver"},
                {"GET", "/admin/events/x/trace"}, {"GET", "/admin/users/eve/timeline"}}) {
            for (Api api : List.of(user, gw.service())) {
                Api.Response r = route[0].equals("GET") ? api.get(route[1]) : route[0].equals("POST")
                        ? api.post(route[1], "{}") : api.delete(route[1]);
                assertThat(r.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            }
        }
        // and the stream: an upgrade to /admin/ws with a user token is refused
        WsClient ws = WsClient.connect("ws://127.0.0.1:" + gw.gateway().wsPort() + "/admin/ws?token=" + gw.token("eve", Role.USER));
        assertThat(ws.refusedStatus()).isEqualTo(403);
        ws.close();
    }

    @Test
    void adminDrainTellsClientsAndReportsNotReady(@TempDir Path dir) {
        try (TestGateway node = TestGateway.start(dir, Map.of(ConfigKey.DRAIN_GRACE, "1s"))) {
            WsClient c = node.connect("dan", "d");
            c.next("welcome");
            Api admin = node.api(node.token("ops", Role.ADMIN));
            Api.Response r = admin.post("/admin/drain", "");
            assertThat(r.status()).isEqualTo(202);
            assertThat(c.next("draining").path("reason").asText()).isNotEmpty();
            assertThat(node.anonymous().get("/health/ready").status()).isEqualTo(503);
            assertThat(c.awaitClose()).isEqualTo(1012);
            assertThat(admin.get("/admin/audit").json().path("entries").get(0).path("action").asText()).isEqualTo("drain");
        }
    }
}
