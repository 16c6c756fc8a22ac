package dev.switchboard.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.switchboard.auth.Role;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, defect 8: inputs that got a wrong answer (500, a stored "Infinity", an accepted token). */
class WrongAnswersTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    @Test
    void aTimelineForAUserIdOutsideRoomIdCharactersIs400() {
        Api admin = gw.api(gw.token("ops", Role.ADMIN));
        for (String id : List.of("bob:evil", "a%20b", "%C3%BCn%C3%AF", "x".repeat(129))) {
            Api.Response r = admin.get("/admin/users/" + id + "/timeline");
            assertThat(r.status()).as(id + ": " + r).isEqualTo(400);
            assertThat(r.error()).isEqualTo("bad_request");
        }
        assertThat(admin.get("/admin/users/eve/timeline").status()).isEqualTo(200);
    }

    @Test
    void aPayloadNumberJsonCannotCarryIsRefusedNamingTheField() {
        String[][] cases = {
                {"{\"x\":1e999}", "payload.x"},
                {"{\"a\":{\"b\":[1,-1e999]}}", "payload.a.b[1]"},
                {"{\"ok\":1.5,\"big\":1E+400}", "payload.big"}};
        for (String[] c : cases) {
            Api.Response r = gw.service().post("/api/events", "{\"type\":\"doc.value.set\",\"resourceId\":\"doc:inf/v\","
                    + "\"rooms\":[\"doc:inf\"],\"payload\":" + c[0] + "}");
            assertThat(r.status()).as(c[0] + ": " + r).isEqualTo(422);
            assertThat(r.error()).isEqualTo("invalid");
            assertThat(r.json().get("message").asText()).startsWith(c[1] + ":");
        }
        Api.Response page = gw.service().get("/api/rooms/doc:inf/events");
        assertThat(page.json().get("events")).as("nothing was stored").isEmpty();
        Api.Response fine = gw.service().post("/api/events", "{\"type\":\"doc.value.set\",\"resourceId\":\"doc:inf/v\","
                + "\"rooms\":[\"doc:inf\"],\"payload\":{\"x\":1e300}}");
        assertThat(fine.status()).as(fine.toString()).isEqualTo(201);
    }

    /** A validly signed token whose header names a critical extension (RFC 7515 §4.1.11). */
    private static String tokenWithCrit(String user, Role role) {
        return JWT.create()
                .withHeader(Map.of("crit", List.of("http://example.com/ext"), "http://example.com/ext", true))
                .withSubject(user)
                .withClaim("role", role.name().toLowerCase())
                .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
                .sign(Algorithm.HMAC256(TestGateway.SECRET));
    }

    @Test
    void aTokenWithACritHeaderIsRefusedOverHttpAndWebSocket() {
        Api service = gw.api(tokenWithCrit("backend", Role.SERVICE));
        Api.Response r = service.get("/api/rooms/doc:crit/events");
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("unauthorized");
        assertThat(r.json().get("message").asText()).contains("crit");

        WsClient ws = WsClient.connect(gw.wsUrl(tokenWithCrit("alice", Role.USER)));
        try {
            assertThat(ws.refusedStatus()).isEqualTo(401);
            assertThat(ws.refusedBody()).contains("\"error\":\"unauthorized\"").contains("crit");
        } finally {
            ws.close();
        }
        // The same token without crit is fine: it is the header that is refused.
        WsClient ok = WsClient.connect(gw.wsUrl(gw.token("alice", Role.USER)));
        try {
            assertThat(ok.next("welcome")).isNotNull();
        } finally {
            ok.close();
        }
    }
}
