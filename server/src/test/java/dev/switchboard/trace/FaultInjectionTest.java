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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each injected fault kind, as the client sees it, and how traces and the timeline mark it. */
class FaultInjectionTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static Api admin() {
        return gw.api(gw.token("qa", Role.ADMIN));
    }

    private static String room(String user) {
        return "user:" + user;
    }

    private static String publish(String user, int n) {
        ObjectNode payload = Json.object();
        payload.put("n", n);
        Api.Response r = gw.service().publish(Api.event("qa.tick", "r" + n, List.of(room(user)), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static Api.Response inject(String json) {
        return admin().post("/admin/faults", json);
    }

    private static WsClient connect(String user) {
        WsClient c = gw.connect(user, "phone");
        c.next("welcome");
        return c;
    }

    private static List<Long> offsets(List<JsonNode> events) {
        List<Long> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("offset").asLong()));
        return out;
    }

    @Test
    void dropSkipsTheNextEventsMarksThemInjectedAndMissedOnceTheDeviceIsGone() {
        WsClient c = connect("drop-user");
        Api.Response r = inject("{\"userId\":\"drop-user\",\"kind\":\"drop\",\"count\":2}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("connections")).hasSize(1);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ids.add(publish("drop-user", i));
        }
        List<JsonNode> got = c.events(room("drop-user"), 2);
        assertThat(offsets(got)).as("the first two were dropped: the client sees a gap").containsExactly(3L, 4L);
        JsonNode trace = admin().get("/admin/events/" + ids.get(0) + "/trace").json();
        JsonNode device = trace.path("rooms").get(0).path("recipients").get(0).path("devices").get(0);
        assertThat(device.path("fate").asText()).as("dropped on a connection still open").isEqualTo("dropped");
        assertThat(device.path("drop").path("injected").asBoolean()).isTrue();
        assertThat(admin().get("/admin/events/" + ids.get(2) + "/trace").json().path("summary").path("delivered").asInt())
                .isEqualTo(1);
        c.close();
        // The gateway handles the close on its own threads: wait until the trace shows the device gone.
        JsonNode after = admin().get("/admin/events/" + ids.get(0) + "/trace").json();
        long deadline = System.currentTimeMillis() + 5_000;
        while (!after.path("rooms").get(0).path("recipients").get(0).path("devices").get(0).path("fate").asText()
                .equals("missed") && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            after = admin().get("/admin/events/" + ids.get(0) + "/trace").json();
        }
        JsonNode gone = after.path("rooms").get(0).path("recipients").get(0);
        assertThat(gone.path("devices").get(0).path("fate").asText()).as("no recovery: missed").isEqualTo("missed");
        assertThat(gone.path("devices").get(0).path("drop").path("injected").asBoolean()).isTrue();
        assertThat(gone.path("missed").asBoolean()).isTrue();
        JsonNode timeline = admin().get("/admin/users/drop-user/timeline").json();
        assertThat(timeline.path("missed")).extracting(m -> m.path("eventId").asText()).containsExactly(ids.get(0), ids.get(1));
        assertThat(ConnectMetrics.value(gw, "switchboard_faults_injected_total{kind=\"drop\"}")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void delayHoldsEachEventBack() {
        try (WsClient c = connect("delay-user")) {
            assertThat(inject("{\"userId\":\"delay-user\",\"kind\":\"delay\",\"delayMs\":700}").status()).isEqualTo(201);
            long start = System.nanoTime();
            publish("delay-user", 1);
            assertThat(c.poll(Duration.ofMillis(300))).as("nothing yet").isNull();
            c.events(room("delay-user"), 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        }
    }

    @Test
    void duplicateSendsEachEventTwice() {
        try (WsClient c = connect("dup-user")) {
            assertThat(inject("{\"userId\":\"dup-user\",\"kind\":\"duplicate\"}").status()).isEqualTo(201);
            publish("dup-user", 1);
            publish("dup-user", 2);
            assertThat(offsets(c.events(room("dup-user"), 4))).containsExactly(1L, 1L, 2L, 2L);
        }
    }

    @Test
    void reorderReversesEachWindow() {
        try (WsClient c = connect("reorder-user")) {
            assertThat(inject("{\"userId\":\"reorder-user\",\"kind\":\"reorder\",\"window\":3}").status()).isEqualTo(201);
            for (int i = 1; i <= 3; i++) {
                publish("reorder-user", i);
            }
            assertThat(offsets(c.events(room("reorder-user"), 3))).containsExactly(3L, 2L, 1L);
        }
    }

    @Test
    void pauseHoldsEverythingUntilTheFaultEndsThenSendsItInOrder() {
        try (WsClient c = connect("pause-user")) {
            JsonNode fault = inject("{\"userId\":\"pause-user\",\"kind\":\"pause\",\"durationMs\":60000}").json();
            publish("pause-user", 1);
            String held = publish("pause-user", 2);
            assertThat(c.poll(Duration.ofMillis(400))).as("backgrounded: nothing arrives").isNull();
            // What an operator sees meanwhile: nothing delivered yet, two behind, and the trace says pending.
            JsonNode room = admin().get("/admin/connections?user=pause-user").json().path("connections").get(0)
                    .path("rooms").get(0);
            assertThat(room.path("deliveredTo").asLong()).as(room.toString()).isZero();
            assertThat(room.path("lag").asLong()).as(room.toString()).isEqualTo(2);
            JsonNode device = admin().get("/admin/events/" + held + "/trace").json().path("rooms").get(0)
                    .path("recipients").get(0).path("devices").get(0);
            assertThat(device.path("fate").asText()).as(device.toString()).isEqualTo("pending");
            assertThat(admin().get("/admin/faults").json().path("faults")).extracting(f -> f.path("faultId").asText())
                    .contains(fault.path("faultId").asText());
            assertThat(admin().delete("/admin/faults/" + fault.path("faultId").asText()).status()).isEqualTo(204);
            assertThat(offsets(c.events(room("pause-user"), 2))).containsExactly(1L, 2L);
            assertThat(admin().get("/admin/connections?user=pause-user").json().path("connections").get(0)
                    .path("rooms").get(0).path("deliveredTo").asLong()).as("released: delivered to 2").isEqualTo(2);
            publish("pause-user", 3);
            assertThat(offsets(c.events(room("pause-user"), 1))).as("cleared: live again").containsExactly(3L);
            assertThat(admin().delete("/admin/faults/" + fault.path("faultId").asText()).status()).isEqualTo(404);
        }
    }

    @Test
    void aFaultExpiresByItself() {
        try (WsClient c = connect("expiry-user")) {
            inject("{\"userId\":\"expiry-user\",\"kind\":\"pause\",\"durationMs\":500}");
            publish("expiry-user", 1);
            assertThat(offsets(c.events(room("expiry-user"), 1))).as("released at expiry").containsExactly(1L);
            assertThat(admin().get("/admin/faults").json().path("faults").toString()).doesNotContain("expiry-user");
        }
    }

    @Test
    void cutDropsTheConnectionWithoutACloseFrame() {
        WsClient c = connect("cut-user");
        Api.Response r = inject("{\"userId\":\"cut-user\",\"kind\":\"cut\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("connections")).hasSize(1);
        assertThat(c.awaitClose()).isEqualTo(1006);
    }

    @Test
    void badRequestsAndOtherRolesAreRefused() {
        assertThat(inject("{\"kind\":\"drop\",\"count\":1}").status()).as("no target").isEqualTo(422);
        assertThat(inject("{\"connectionId\":\"nope\",\"kind\":\"drop\",\"count\":1}").status()).isEqualTo(404);
        assertThat(inject("{\"userId\":\"x\",\"kind\":\"melt\"}").status()).isEqualTo(422);
        assertThat(inject("{\"userId\":\"x\",\"kind\":\"drop\"}").status()).as("drop needs a count").isEqualTo(422);
        assertThat(gw.user("x").post("/admin/faults", "{\"userId\":\"x\",\"kind\":\"cut\"}").status()).isEqualTo(403);
        assertThat(gw.service().get("/admin/faults").status()).isEqualTo(403);
    }

    /** Reads one series from /metrics. */
    static final class ConnectMetrics {
        static double value(TestGateway.PerClass gw, String series) {
            for (String line : gw.anonymous().get("/metrics").body().split("\n")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(line.substring(series.length() + 1).trim());
                }
            }
            return 0;
        }
    }
}
