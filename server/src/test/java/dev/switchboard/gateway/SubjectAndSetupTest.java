package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.switchboard.gateway.LimitsAndCloseCodesTest.metric;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 3: a token whose {@code sub} is not a room id (identity-provider ids like
 * {@code auth0|123}) used to pass the handshake and then break the connection's setup half way, so the
 * connection outlived its token. Such tokens are refused with 401 {@code invalid_subject} on both
 * listeners, and a connection whose setup fails for any reason is closed with 1011 and leaves nothing
 * registered.
 */
class SubjectAndSetupTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    static Stream<String> subjectsThatAreNotRoomIds() {
        return Stream.of("auth0|123", "a b", "bob:evil", "ünï", "x".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("subjectsThatAreNotRoomIds")
    void aTokenWhoseSubIsNotARoomIdIsRefusedWith401InvalidSubjectOverHttp(String sub) {
        for (Role role : Role.values()) {
            Api.Response r = gw.api(gw.token(sub, role)).get("/api/rooms/document:7/events");
            assertThat(r.status()).as("%s token with sub %s: %s", role, sub, r).isEqualTo(401);
            assertThat(r.error()).isEqualTo("invalid_subject");
        }
    }

    @ParameterizedTest
    @MethodSource("subjectsThatAreNotRoomIds")
    void aTokenWhoseSubIsNotARoomIdIsRefusedWith401InvalidSubjectOnTheWebSocket(String sub) throws Exception {
        for (String path : List.of("/ws", "/admin/ws")) {
            // Expiring in two seconds: before the fix such a connection was opened and outlived its token.
            String token = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC())
                    .issue(sub, path.equals("/ws") ? Role.USER : Role.ADMIN, null, Duration.ofSeconds(2));
            try (WsClient c = WsClient.connect("ws://127.0.0.1:" + gw.gateway().wsPort() + path + "?token=" + token)) {
                assertThat(c.refusedStatus()).as("upgrade of %s with sub %s", path, sub).isEqualTo(401);
                JsonNode body = Json.parse(c.refusedBody());
                assertThat(body.path("error").asText()).isEqualTo("invalid_subject");
            }
        }
    }

    @Test
    void aConnectionWhoseSetupFailsIsClosedWith1011AndLeavesNothingRegistered() {
        String rooms = "switchboard_rooms_active";
        String connections = "switchboard_ws_connections";
        SessionLifecycle.setupProbe = s -> {
            if (s.userId().equals("doomed")) {
                throw new IllegalStateException("a setup step failed (forced by the test)");
            }
        };
        try (WsClient doomed = gw.connect("doomed", "phone")) {
            assertThat(doomed.awaitClose()).as("close code of a connection whose setup failed").isEqualTo(1011);
        } finally {
            SessionLifecycle.setupProbe = s -> { };
        }
        Await.until("no connection and no room left behind", () -> metric(gw.anonymous(), connections) == 0
                && metric(gw.anonymous(), rooms) == 0);
        assertThat(gw.api(gw.token("ops", Role.ADMIN)).get("/admin/connections?user=doomed").json().path("connections")).isEmpty();

        // The next connection of the same user is set up as usual and gets its user room's events.
        try (WsClient again = gw.connect("doomed", "phone")) {
            assertThat(again.next("welcome").path("userId").asText()).isEqualTo("doomed");
            gw.service().publish(Api.event("note.added", "note:1", List.of("user:doomed"), Json.object().put("n", 1)));
            assertThat(again.next("event").path("room").asText()).isEqualTo("user:doomed");
        }
    }
}
