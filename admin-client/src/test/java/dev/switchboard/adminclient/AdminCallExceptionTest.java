package dev.switchboard.adminclient;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed admin call reads as a sentence for a person, with the gateway's own words and status kept for support. */
class AdminCallExceptionTest {
    private static String said(int status, String code, String message) {
        return new AdminCallException(status, code, message).describe();
    }

    @Test
    void eachFailureSaysWhatItMeansFirst() {
        assertThat("Could not read the rooms: " + said(0, "unreachable", "Failed to connect to /127.0.0.1:8080"))
                .isEqualTo("Could not read the rooms: the gateway did not answer (Failed to connect to /127.0.0.1:8080)");
        assertThat(said(401, "unauthorized", "token expired"))
                .isEqualTo("the gateway refused the admin token; it may have expired (401: token expired)");
        assertThat(said(404, "not_found", "no open connection c1x9 on this node"))
                .isEqualTo("no open connection c1x9 on this node (404)");
        assertThat(said(422, "invalid", "room: must not be blank")).isEqualTo("the gateway refused it: room: must not be blank (422)");
        assertThat(said(503, "unavailable", "the event log is full")).isEqualTo("the gateway cannot do it now: the event log is full (503)");
        assertThat(said(429, "rate_limited", "slow down")).isEqualTo("the gateway is limiting this console's requests; try again in a moment (429)");
        assertThat(said(500, "internal", "")).isEqualTo("the gateway failed (500)");
    }

    @Test
    void parserOutputNeverReachesThePerson() {
        String text = said(200, "bad_answer", "Unexpected character ('<' (code 60)): expected a valid value");
        assertThat(text).isEqualTo("what answers there is not a Switchboard gateway's admin API (HTTP 200)");
        assertThat(AdminCallException.of(new CompletionException(new IllegalStateException((String) null))).describe())
                .isEqualTo("it failed in an unexpected way (error)");
    }
}
