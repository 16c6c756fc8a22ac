package dev.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /admin/connections filtered by lag and free text, sorted and paged by offset on the server, against
 * the real gateway: three devices of one user in one room (alpha acked everything, beta paused with 3
 * unsent, gamma not in the room) and one device of another user.
 */
class ConnectionListTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();
    private static final String ROOM = "doc:cl";
    private static final List<WsClient> devices = new ArrayList<>();
    private static String alpha;
    private static String beta;
    private static String gamma;

    private static Api admin() {
        return gw.api(gw.token("ops", Role.ADMIN));
    }

    private static JsonNode list(String query) {
        Api.Response r = admin().get("/admin/connections?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("connections").forEach(c -> out.add(c.path("connectionId").asText()));
        return out;
    }

    private static String open(String user, String device) {
        WsClient c = gw.connect(user, device);
        devices.add(c);
        return c.next("welcome").path("connectionId").asText();
    }

    @BeforeAll
    static void threeDevicesOneOfThemPaused() {
        gw.service().put("/api/acl/" + ROOM + "/members/cl-amy");
        alpha = open("cl-amy", "alpha");
        beta = open("cl-amy", "beta");
        gamma = open("cl-amy", "gamma");
        open("cl-bob", "delta");
        devices.get(0).join(ROOM);
        devices.get(1).join(ROOM);
        assertThat(admin().post("/admin/faults", "{\"connectionId\":\"" + beta + "\",\"kind\":\"pause\",\"durationMs\":60000}")
                .status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            gw.service().publish(Api.event("cl.changed", "r" + i, List.of(ROOM), Json.object()));
        }
        long last = devices.get(0).events(ROOM, 3).get(2).path("offset").asLong();
        devices.get(0).send("{\"op\":\"ack\",\"room\":\"" + ROOM + "\",\"offset\":" + last + "}");
        Await.until("alpha's ack counts and beta holds 3 unsent", () -> list("user=cl-amy&lagging=true").path("total").asInt() == 1);
    }

    @AfterAll
    static void close() {
        devices.forEach(WsClient::close);
    }

    @Test
    void laggingListsOnlyTheDeviceWithUnsentOrUnackedEvents() {
        JsonNode lagging = list("user=cl-amy&lagging=true");
        assertThat(ids(lagging)).containsExactly(beta);
        assertThat(lagging.path("total").asInt()).as("matches of the filter, not every connection").isEqualTo(1);
        assertThat(ids(list("user=cl-amy&minUnsent=3"))).containsExactly(beta);
        assertThat(ids(list("user=cl-amy&minUnsent=4"))).isEmpty();
        assertThat(ids(list("user=cl-amy&minUnacked=1"))).as("alpha acked, beta was sent nothing").isEmpty();
        assertThat(ids(list("user=cl-amy&minBacklog=0"))).hasSize(3);
    }

    @Test
    void sortByUnsentPutsThePausedDeviceFirstAndAnswersTheOffset() {
        JsonNode page = list("user=cl-amy&sort=unsent&order=desc");
        assertThat(ids(page).get(0)).isEqualTo(beta);
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("offset").asInt()).isZero();
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(ids(list("user=cl-amy&sort=unsent")).get(2)).as("ascending: the paused one last").isEqualTo(beta);
    }

    @Test
    void offsetPagesOfASortedListCoverEveryMatchOnce() {
        JsonNode first = list("user=cl-amy&sort=connectedAt&limit=2");
        assertThat(ids(first)).hasSize(2);
        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(first.path("next").asText()).isEqualTo("2");
        JsonNode rest = list("user=cl-amy&sort=connectedAt&limit=2&offset=" + first.path("next").asText());
        assertThat(ids(rest)).hasSize(1);
        assertThat(rest.path("offset").asInt()).isEqualTo(2);
        assertThat(rest.path("next").isNull()).isTrue();
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(rest));
        assertThat(all).containsExactlyInAnyOrder(alpha, beta, gamma);
        List<String> times = new ArrayList<>();
        first.path("connections").forEach(c -> times.add(c.path("connectedAt").asText()));
        rest.path("connections").forEach(c -> times.add(c.path("connectedAt").asText()));
        assertThat(times).isSorted();
        assertThat(ids(list("user=cl-amy&sort=connectedAt&offset=3"))).as("past the end: an empty page").isEmpty();
    }

    @Test
    void theIdCursorStillPagesAsBeforeAndDescendingToo() {
        JsonNode first = list("user=cl-amy&limit=2");
        assertThat(first.has("offset")).as("a cursor page has no offset").isFalse();
        JsonNode rest = list("user=cl-amy&limit=2&cursor=" + first.path("next").asText());
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(rest));
        assertThat(all).isSorted().containsExactlyInAnyOrder(alpha, beta, gamma);
        JsonNode down = list("user=cl-amy&order=desc&limit=2");
        JsonNode downRest = list("user=cl-amy&order=desc&limit=2&cursor=" + down.path("next").asText());
        List<String> reversed = new ArrayList<>(ids(down));
        reversed.addAll(ids(downRest));
        assertThat(reversed).containsExactly(all.get(2), all.get(1), all.get(0));
    }

    @Test
    void freeTextMatchesIdUserDeviceAppAndIpWhateverTheCase() {
        assertThat(ids(list("q=CL-BOB"))).hasSize(1);
        assertThat(ids(list("q=cl-amy%20GAMM"))).as("every word must match").containsExactly(gamma);
        assertThat(ids(list("q=" + beta.substring(1)))).containsExactly(beta);
        assertThat(list("q=cl-&app=test-1.0&sort=id").path("total").asInt()).isEqualTo(4);
        assertThat(list("q=127.0.0.1%20cl-").path("total").asInt()).isEqualTo(4);
        assertThat(ids(list("device=delta"))).hasSize(1);
        assertThat(list("q=nobody-like-this").path("total").asInt()).isZero();
    }

    @Test
    void badParametersAnswer422NamingThem() {
        assertInvalid("sort=lag", "sort: expected one of id, connectedAt, unsent, unacked, backlog, got lag");
        assertInvalid("order=up", "order: expected asc or desc");
        assertInvalid("lagging=yes", "lagging: expected false or true");
        assertInvalid("minUnsent=-1", "minUnsent: expected a whole number of at least 0");
        assertInvalid("offset=x", "offset: expected a whole number");
        assertInvalid("cursor=c1&offset=0", "cursor and offset");
        assertInvalid("cursor=c1&sort=unsent", "with sort=unsent page with offset");
        assertInvalid("limit=0", "limit: expected a positive whole number");
    }

    private static void assertInvalid(String query, String message) {
        Api.Response r = admin().get("/admin/connections?" + query);
        assertThat(r.status()).as(query).isEqualTo(422);
        assertThat(r.error()).isEqualTo("invalid");
        assertThat(r.json().path("message").asText()).as(query).contains(message);
    }
}
