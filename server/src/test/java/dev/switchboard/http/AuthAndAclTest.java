package dev.switchboard.http;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;
import java.net.URI;
import java.net.http.HttpRequest;

/** Tokens, roles and the ACL over real HTTP (PROTOCOL.md §1-§2). */
class AuthAndAclTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    @BeforeAll
    static void seed() {
        assertThat(gw.service().publish(event("chat.message.created", "msg:1", List.of("team:red"), Json.object())).status()).isEqualTo(201);
    }

    private static void assert401(Api api, String because) {
        Api.Response r = api.get("/api/rooms/team:red/events");
        assertThat(r.status()).as(because + ": " + r).isEqualTo(401);
        assertThat(r.error()).isEqualTo("unauthorized");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        Api.Response p = api.publish(event("chat.message.created", "msg:2", List.of("team:red"), Json.object()));
        assertThat(p.status()).as(because).isEqualTo(401);
    }

    @Test
    void missingForgedExpiredAndMalformedTokensAre401() {
        assert401(gw.anonymous(), "no token");
        String forged = new TokenIssuer("another-secret-that-is-long-enough-000000", Clock.systemUTC())
                .issue("backend", Role.ADMIN, null, Duration.ofHours(1));
        assert401(gw.api(forged), "forged");
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String expired = new TokenIssuer(TestGateway.SECRET, past).issue("backend", Role.SERVICE, null, Duration.ofHours(1));
        assert401(gw.api(expired), "expired");
        assert401(gw.api("not.a.jwt"), "garbage");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"x\",\"role\":\"admin\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        assert401(gw.api(header + "." + claims + "."), "alg none");
        Api.Response basic = gw.anonymous().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gw.gateway().httpPort() + "/api/rooms/team:red/events"))
                .header("Authorization", "Basic YTpi"));
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void usersMayNotPublishOrManageTheAcl() {
        Api alice = gw.user("alice");
        Api.Response p = alice.publish(event("chat.message.created", "msg:3", List.of("team:red"), Json.object()));
        assertThat(p.status()).isEqualTo(403);
        assertThat(p.error()).isEqualTo("forbidden");
        assertThat(alice.put("/api/acl/team:red/members/alice").status()).isEqualTo(403);
        assertThat(alice.delete("/api/acl/team:red/members/alice").status()).isEqualTo(403);
        assertThat(alice.get("/api/acl/team:red/members").status()).isEqualTo(403);
        assertThat(gw.service().get("/api/acl/team:red/members").json().get("members")).isEmpty();
    }

    @Test
    void aUserReadsItsOwnRoomButNeverAnotherUsers() {
        assertThat(gw.user("bob").get("/api/rooms/user:bob/events").status()).isEqualTo(200);
        assertThat(gw.user("bob").get("/api/rooms/user:carol/events").status()).isEqualTo(403);
        assertThat(gw.user("bob").get("/api/rooms/user:carol/snapshot").status()).isEqualTo(403);
        // Not even with a grant: user rooms are not in the ACL.
        Api.Response grant = gw.service().put("/api/acl/user:carol/members/bob");
        assertThat(grant.status()).isEqualTo(422);
        assertThat(grant.error()).isEqualTo("invalid");
        assertThat(gw.user("bob").get("/api/rooms/user:carol/events").status()).isEqualTo(403);
    }

    @Test
    void grantAndRevokeDecideWhetherAUserMayReadARoom() {
        Api dana = gw.user("dana");
        assertThat(dana.get("/api/rooms/team:red/events").status()).isEqualTo(403);
        assertThat(dana.get("/api/rooms/team:red/snapshot").status()).isEqualTo(403);

        assertThat(gw.service().put("/api/acl/team:red/members/dana").status()).isEqualTo(204);
        assertThat(gw.service().put("/api/acl/team:red/members/dana").status()).as("repeatable").isEqualTo(204);
        assertThat(gw.service().put("/api/acl/team:red/members/erin").status()).isEqualTo(204);
        Api.Response members = gw.service().get("/api/acl/team:red/members");
        assertThat(members.json().get("room").asText()).isEqualTo("team:red");
        assertThat(members.json().get("members").toString()).isEqualTo("[\"dana\",\"erin\"]");

        Api.Response page = dana.get("/api/rooms/team:red/events");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("events").size()).isEqualTo(1);
        assertThat(dana.get("/api/rooms/team:red/snapshot").status()).isEqualTo(200);

        assertThat(gw.service().delete("/api/acl/team:red/members/dana").status()).isEqualTo(204);
        assertThat(gw.service().delete("/api/acl/team:red/members/dana").status()).as("repeatable").isEqualTo(204);
        assertThat(dana.get("/api/rooms/team:red/events").status()).isEqualTo(403);
        assertThat(gw.service().get("/api/acl/team:red/members").json().get("members").toString()).isEqualTo("[\"erin\"]");
    }

    @Test
    void adminTokensMayDoWhatServicesMay() {
        Api admin = gw.api(gw.token("ops", Role.ADMIN));
        assertThat(admin.publish(event("chat.message.created", "msg:admin", List.of("team:blue"), Json.object())).status()).isEqualTo(201);
        assertThat(admin.put("/api/acl/team:blue/members/zed").status()).isEqualTo(204);
        assertThat(admin.get("/api/rooms/team:blue/events").status()).isEqualTo(200);
    }

    @Test
    void adminEndpointsAreForAdminTokensOnly() {
        for (String path : List.of("/admin/node", "/admin/no-such-thing")) {
            assertThat(gw.anonymous().get(path).status()).as(path).isEqualTo(401);
            Api.Response user = gw.user("alice").get(path);
            assertThat(user.status()).as(path).isEqualTo(403);
            assertThat(user.error()).isEqualTo("forbidden");
            assertThat(gw.service().get(path).status()).as("service on " + path).isEqualTo(403);
        }
        Api admin = gw.api(gw.token("ops", Role.ADMIN));
        Api.Response node = admin.get("/admin/node");
        assertThat(node.status()).isEqualTo(200);
        assertThat(node.json().get("node").asText()).isEqualTo("test-node");
        assertThat(node.json().at("/eventLog/healthy").asBoolean()).isTrue();
        assertThat(admin.get("/admin/no-such-thing").status()).isEqualTo(404);
    }

    @Test
    void badAclInputIs422() {
        assertThat(gw.service().put("/api/acl/Bad!/members/x").status()).isEqualTo(422);
        assertThat(gw.service().put("/api/acl/team:red/members/" + "u".repeat(129)).status()).isEqualTo(422);
    }
}
