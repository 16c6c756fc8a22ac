package dev.switchboard.abuse;

import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client can make the HTTP listener hold, and what it gets when it tries: every case of the
 * hardening issue's first defect (idle sockets, a declared body never sent, headers a byte at a time,
 * a chunk size that is not hex, huge headers), plus the connection limit and the shared body budget.
 * Each one also checks that an ordinary client is served meanwhile.
 */
class HttpBoundsTest {
    private final List<RawHttp> sockets = new ArrayList<>();
    private TestGateway gw;

    @AfterEach
    void tearDown() throws IOException {
        for (RawHttp s : sockets) {
            s.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private RawHttp open() throws IOException {
        RawHttp s = RawHttp.connect(gw.gateway().httpPort());
        sockets.add(s);
        return s;
    }

    private double metric(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$")
                .matcher(gw.gateway().metrics().render());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static String publishBody(String id) {
        return Json.write(Api.event("doc.line.added", "doc:" + id, List.of("document:bounds"), Json.object().put("id", id)));
    }

    @Test
    void idleAndHalfSentRequestsHoldNoWorkerAndAreClosedAtTheHeaderDeadline(@TempDir Path dir) throws Exception {
        gw = TestGateway.start(dir, Map.of(ConfigKey.HTTP_THREADS, "2", ConfigKey.HTTP_HEADER_TIMEOUT, "1500ms",
                ConfigKey.HTTP_IDLE_TIMEOUT, "120s"));
        List<RawHttp> idle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            idle.add(open().send("G"));
            idle.add(open().send("POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Le"));
        }
        RawHttp silent = open();
        // Twenty times the two workers, and everyone else is still served.
        assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
        assertThat(gw.service().publish(Api.event("doc.line.added", "doc:1", List.of("document:bounds"),
                Json.object())).status()).isEqualTo(201);
        assertThat(gw.api(gw.token("root", Role.ADMIN)).get("/admin/connections").status()).isEqualTo(200);
        for (RawHttp s : idle) {
            assertThat(s.closedByServer()).as("a request whose headers never end is closed").isTrue();
        }
        assertThat(silent.closedByServer()).as("a connection that never sends a request is closed").isTrue();
        assertThat(metric("switchboard_http_header_timeouts_total")).isGreaterThanOrEqualTo(41);
    }

    @Test
    void headersTrickledAByteAtATimeAreCutAtTheDeadlineNotKeptAliveByEachByte(@TempDir Path dir) throws Exception {
        gw = TestGateway.start(dir, Map.of(ConfigKey.HTTP_HEADER_TIMEOUT, "1s", ConfigKey.HTTP_IDLE_TIMEOUT, "120s"));
        RawHttp slow = open();
        // A keep-alive connection that was served once is held to the deadline for its next request too.
        slow.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(slow.read().status()).isEqualTo(200);
        boolean cut = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String request = "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n";
        for (int i = 0; i < request.length() && System.nanoTime() < deadline; i++) {
            try {
                slow.send(request.substring(i, i + 1));
            } catch (IOException e) {
                cut = true;
                break;
            }
            Thread.sleep(100); // far below the idle timeout: only the header deadline can end it
        }
        assertThat(cut || slow.closedByServer()).as("the trickling client was cut").isTrue();
    }

    @Test
    void aDeclaredBodyThatNeverComesIsRefusedWithoutWaitingOrTimedOut(@TempDir Path dir) throws Exception {
        gw = TestGateway.start(dir, Map.of(ConfigKey.HTTP_THREADS, "1", ConfigKey.HTTP_BODY_TIMEOUT, "1s"));
        // Over the body limit: 413 from the declared length, nothing read.
        RawHttp big = open().send("POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + gw.token("backend", Role.SERVICE) + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{");
        RawHttp.Answer tooLarge = big.read();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(Json.parse(tooLarge.body()).path("error").asText()).isEqualTo("too_large");
        // No token: 401 from the headers alone; the body is never waited for.
        RawHttp anonymous = open().send("POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 500000\r\n\r\n{");
        RawHttp.Answer refused = anonymous.read();
        assertThat(refused.status()).isEqualTo(401);
        // Its body was never read, so the connection cannot carry another request: the answer says so,
        // and a keep-alive client does not send its next request into a closing connection.
        assertThat(refused.headers()).containsEntry("connection", "close");
        RawHttp small = open().send("POST /admin/faults HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + gw.token("eve", Role.USER) + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n");
        RawHttp.Answer forbidden = small.read();
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.headers()).containsEntry("connection", "close");
        // With a token and a body that stops half-way: the single worker is not held meanwhile, and 408 ends it.
        List<RawHttp> stalled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stalled.add(open().send("POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + gw.token("backend", Role.SERVICE) + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"id\":"));
        }
        assertThat(gw.service().publish(Api.event("doc.line.added", "doc:2", List.of("document:bounds"), Json.object())).status())
                .isEqualTo(201);
        for (RawHttp s : stalled) {
            RawHttp.Answer timedOut = s.read();
            assertThat(timedOut.status()).isEqualTo(408);
            assertThat(Json.parse(timedOut.body()).path("error").asText()).isEqualTo("timeout");
        }
        assertThat(gw.service().get("/api/rooms/document:bounds/events?after=0").json().path("head").asLong())
                .as("nothing of the half-sent publishes was stored").isEqualTo(1);
    }

    @Test
    void malformedAndOversizedRequestsGetAJsonErrorAndOthersAreServed(@TempDir Path dir) throws Exception {
        gw = TestGateway.start(dir, Map.of(ConfigKey.HTTP_MAX_HEADER_BYTES, "4096"));
        String token = gw.token("backend", Role.SERVICE);
        RawHttp notHex = open().send("POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        RawHttp.Answer badChunk = notHex.read();
        assertThat(badChunk.status()).isEqualTo(400);
        assertThat(Json.parse(badChunk.body()).path("error").asText()).isEqualTo("bad_request");

        RawHttp huge = open().send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(8000) + "\r\n\r\n");
        RawHttp.Answer tooBig = huge.read();
        assertThat(tooBig.status()).isEqualTo(431);
        assertThat(tooBig.headers().get("content-type")).startsWith("application/json");
        assertThat(Json.parse(tooBig.body()).path("error").asText()).isEqualTo("headers_too_large");

        // A chunked publish that is well formed is read like any other.
        String body = publishBody("chunked");
        RawHttp chunked = open().send("POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        assertThat(chunked.read().status()).isEqualTo(201);
        assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void atTheConnectionLimitNewConnectionsWaitUntilOneCloses(@TempDir Path dir) throws Exception {
        gw = TestGateway.start(dir, Map.of(ConfigKey.HTTP_MAX_CONNECTIONS, "4", ConfigKey.HTTP_HEADER_TIMEOUT, "30s"));
        List<RawHttp> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RawHttp s = open().send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(s.read().status()).isEqualTo(200);
            held.add(s);
        }
        RawHttp waiting = open().send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        waiting.socket().setSoTimeout(1_000);
        assertThat(waiting.closedByServer()).as("the fifth connection is neither served nor closed yet").isFalse();
        held.get(0).close();
        waiting.socket().setSoTimeout(30_000);
        assertThat(waiting.read().status()).as("served once a slot is free").isEqualTo(200);
        Await.until("the freed slot was taken", Duration.ofSeconds(10), () -> metric("switchboard_http_connections") == 4);
    }

    @Test
    void bodiesBeingReadShareOneBudgetAndPastItPublishesAre503(@TempDir Path dir) throws Exception {
        gw = TestGateway.start(dir, Map.of(ConfigKey.HTTP_MAX_BODY_BYTES, "4096", ConfigKey.PUBLISH_MAX_PAYLOAD_BYTES, "2048",
                ConfigKey.HTTP_MAX_BUFFERED_BODY_BYTES, "6000", ConfigKey.HTTP_BODY_TIMEOUT, "20s"));
        String token = gw.token("backend", Role.SERVICE);
        String body = publishBody("slow");
        String padded = body + " ".repeat(4000 - body.length());
        RawHttp slow = open().send("POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n" + padded.substring(0, 100));
        Await.until("the slow body holds its declared length", Duration.ofSeconds(10),
                () -> metric("switchboard_http_buffered_body_bytes") == 4000);
        Api.Response refused = gw.service().post("/api/events", publishBody("x") + " ".repeat(3000));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("overloaded");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(gw.service().publish(Api.event("doc.line.added", "doc:small", List.of("document:bounds"), Json.object()))
                .status()).as("a body that fits is still read").isEqualTo(201);
        slow.send(padded.substring(100));
        assertThat(slow.read().status()).isEqualTo(201);
        Await.until("every body is released once answered", Duration.ofSeconds(10),
                () -> metric("switchboard_http_buffered_body_bytes") == 0);
    }
}
