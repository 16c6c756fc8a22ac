package dev.switchboard.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes where a client controls them, against a real gateway: mutated HTTP requests on the API
 * port and mutated WebSocket frame sequences on a signed-in connection. Every case must end in an
 * answer the client can act on (an HTTP status below 500, or 501, 503, 505; a pong, an error frame, or a close
 * with a protocol or limit code) or in the gateway closing the connection; never in silence (the server
 * holding the connection and waiting) and never in an internal error. After all of them the gateway
 * still publishes and delivers.
 *
 * <p>The suite runs a fixed seed; a longer run is a command, not part of the suite:
 * {@code mvn -B -pl server -am verify -Dtest=WireFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfuzz.iterations=5000 -Dfuzz.seed=random}. It prints the seed so a failure replays.
 */
class WireFuzzTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    /** Close codes a misbehaving client may get; 1011 (the server failed) is not among them. */
    private static final Set<Integer> CLIENT_FAULT_CLOSES = Set.of(1002, 1003, 1007, 1008, 1009, 4000, 4008, 4009);

    /** 5xx answers that still describe the request, not a failure of the server. */
    private static final Set<String> ANSWERS_TO_A_CLIENT_FAULT = Set.of(
            "HTTP 501", // a transfer coding nobody implements
            "HTTP 503", // overloaded or the log unavailable: retry later
            "HTTP 505"); // an HTTP version the server does not speak

    @Test
    void everyMutatedHttpRequestGetsAnAnswerOrAClose() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        int cases = Integer.getInteger("fuzz.iterations", 300);
        List<String> seeds = httpSeeds();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < cases; i++) {
            byte[] request = mutate(random, seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.ISO_8859_1));
            String outcome = exchange(gw.gateway().httpPort(), request);
            outcomes.merge(outcome, 1, Integer::sum);
            assertThat(outcome).as("answer to %s (seed %d, case %d)", printable(request), seed, i)
                    .isNotEqualTo("silence")
                    .matches(o -> !o.startsWith("HTTP 5") || ANSWERS_TO_A_CLIENT_FAULT.contains(o), "not a server failure");
        }
        System.out.printf("HTTP fuzz: seed %d, %d cases: %s%n", seed, cases, outcomes);
        assertStillServing();
    }

    @Test
    void everyMutatedFrameSequenceGetsAnAnswerOrAClose() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        int cases = Integer.getInteger("fuzz.iterations", 300) / 2;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < cases; i++) {
            try (RawWebSocket ws = RawWebSocket.connect(gw.gateway().wsPort(),
                    "/ws?device=fuzz&token=" + gw.token("fuzz-" + (i % 5), Role.USER))) {
                assertThat(ws.upgraded()).as(ws.handshakeResponse).isTrue();
                assertThat(ws.read().text()).contains("\"welcome\"");
                int frames = 1 + random.nextInt(4);
                StringBuilder sent = new StringBuilder();
                boolean sentClose = false;
                for (int f = 0; f < frames; f++) {
                    byte[] frame = randomFrame(random);
                    sentClose |= (frame[0] & 0x0f) == RawWebSocket.CLOSE;
                    sent.append(printable(frame)).append(" | ");
                    try {
                        ws.sendRaw(frame);
                    } catch (IOException closed) {
                        break;
                    }
                }
                try {
                    ws.sendText("{\"op\":\"ping\",\"ref\":\"probe\"}");
                } catch (RuntimeException closed) {
                    // the gateway already closed; the outcome below says how
                }
                String outcome = frameOutcome(ws);
                outcomes.merge(outcome, 1, Integer::sum);
                Set<Integer> allowed = sentClose ? null : CLIENT_FAULT_CLOSES; // a client's close may be echoed
                assertThat(outcome).as("after %s(seed %d, case %d)", sent, seed, i)
                        .isNotEqualTo("silence")
                        .isNotEqualTo("close 1011")
                        .matches(o -> !o.startsWith("close ") || allowed == null
                                || allowed.contains(Integer.parseInt(o.substring(6))), "a close code for a client's fault");
            }
        }
        System.out.printf("WebSocket fuzz: seed %d, %d cases: %s%n", seed, cases, outcomes);
        assertStillServing();
    }

    /** After the fuzz an ordinary device still gets an ordinary publish. */
    private static void assertStillServing() {
        gw.service().put("/api/acl/document:fuzz/members/ann");
        try (WsClient ann = gw.connect("ann", "phone")) {
            ann.next("welcome");
            ann.join("document:fuzz");
            Api.Response r = gw.service().publish(Api.event("doc.fuzz.done", "doc:fuzz", List.of("document:fuzz"),
                    Json.object().put("ok", true)));
            assertThat(r.status()).isEqualTo(201);
            JsonNode event = ann.next("event");
            assertThat(event.path("event").path("type").asText()).isEqualTo("doc.fuzz.done");
        }
        assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
    }

    private static List<String> httpSeeds() {
        String svc = gw.token("backend", Role.SERVICE);
        String admin = gw.token("ops", Role.ADMIN);
        String body = "{\"type\":\"doc.fuzz.seen\",\"resourceId\":\"doc:f\",\"rooms\":[\"document:fuzz\"],\"payload\":{\"a\":1}}";
        return List.of(
                "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + svc
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                "POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + svc
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                        + "\r\n0\r\n\r\n",
                "GET /api/rooms/document:fuzz/events?after=0&limit=5 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + svc + "\r\n\r\n",
                "GET /api/rooms/document:fuzz/snapshot HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + svc + "\r\n\r\n",
                "PUT /api/acl/document:fuzz/members/zed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + svc
                        + "\r\nContent-Length: 0\r\n\r\n",
                "GET /admin/connections?filter=user:ann HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin + "\r\n\r\n",
                "GET /admin/users/ann/timeline HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin + "\r\n\r\n",
                "GET /admin/events/evt-1/trace HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin + "\r\n\r\n");
    }

    private static final String[] HTTP_SPLICES = {
            "\r\n", "\r\n\r\n", "\n", "\0", " ", "%", "%zz", "%00", "/../", "?", "&&==", "#", "\u00ff",
            "Content-Length: 5\r\n", "Content-Length: -1\r\n", "Content-Length: 99999999999999999999\r\n",
            "Transfer-Encoding: chunked\r\n", "zz\r\n", "Expect: 100-continue\r\n", "Host: y\r\n",
            "Authorization: Bearer x.y.z\r\n", "Origin: https://evil.example\r\n", "X: " + "a".repeat(9000) + "\r\n",
            "HTTP/1.0", "HTTP/2.0", "GET", "BREW", "user:\u00fc", "{\"type\":1e999}", "\"payload\":{\"n\":NaN}",
    };

    private static byte[] mutate(Random random, byte[] seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] s = seed;
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            int at = random.nextInt(s.length + 1);
            out.reset();
            switch (random.nextInt(5)) {
                case 0 -> { // splice in something a parser has to think about
                    out.write(s, 0, at);
                    out.writeBytes(HTTP_SPLICES[random.nextInt(HTTP_SPLICES.length)].getBytes(StandardCharsets.ISO_8859_1));
                    out.write(s, at, s.length - at);
                }
                case 1 -> out.write(s, 0, at); // cut short
                case 2 -> { // one byte changed
                    out.writeBytes(s);
                    byte[] b = out.toByteArray();
                    if (at < b.length) {
                        b[at] = (byte) random.nextInt(256);
                    }
                    out.reset();
                    out.writeBytes(b);
                }
                case 3 -> { // a run deleted
                    int end = Math.min(s.length, at + 1 + random.nextInt(20));
                    out.write(s, 0, at);
                    out.write(s, end, s.length - end);
                }
                default -> { // a run repeated
                    int end = Math.min(s.length, at + 1 + random.nextInt(40));
                    out.write(s, 0, end);
                    out.write(s, at, s.length - at);
                }
            }
            s = out.toByteArray();
        }
        return s;
    }

    /**
     * Sends a request and ends the output, as a client that is done would: the gateway has everything
     * it will ever get. Answers {@code HTTP <status>}, {@code closed} or {@code silence}.
     */
    private static String exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            try {
                while (n < head.length) {
                    int r = in.read(head, n, head.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (SocketTimeoutException e) {
                return "silence";
            } catch (IOException reset) {
                return "closed";
            }
            String line = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            if (n == 0) {
                return "closed";
            }
            return line.startsWith("HTTP/1.") && n >= 12 ? "HTTP " + line.substring(9, 12) : "garbage " + line;
        }
    }

    private static byte[] randomFrame(Random random) {
        int kind = random.nextInt(10);
        byte[] payload;
        if (kind < 4) { // a protocol frame, mutated like a client bug would
            String[] ops = {"{\"op\":\"join\",\"ref\":1,\"room\":\"document:fuzz\"}", "{\"op\":\"ack\",\"room\":\"user:fuzz-0\",\"offset\":3}",
                    "{\"op\":\"presence\",\"room\":\"document:fuzz\",\"state\":{\"a\":1}}", "{\"op\":\"leave\",\"ref\":2,\"room\":\"x:y\"}"};
            payload = mutate(random, ops[random.nextInt(ops.length)].getBytes(StandardCharsets.UTF_8));
        } else {
            payload = new byte[random.nextInt(kind == 9 ? 70_000 : 200)];
            random.nextBytes(payload);
        }
        int opcode = random.nextInt(4) == 0 ? random.nextInt(16) : (kind < 4 ? RawWebSocket.TEXT : random.nextInt(3));
        boolean fin = random.nextInt(5) != 0;
        boolean masked = random.nextInt(8) != 0;
        byte[] frame = RawWebSocket.frame(fin, opcode, payload, masked);
        if (random.nextInt(6) == 0) {
            frame[0] |= (byte) (0x10 << random.nextInt(3)); // a reserved bit no extension was agreed for
        }
        return frame;
    }

    /** {@code pong} (to the probe), {@code close <code>}, {@code closed} or {@code silence}. */
    private static String frameOutcome(RawWebSocket ws) {
        ws.soTimeout(10_000);
        try {
            while (true) {
                RawWebSocket.Frame f = ws.read();
                if (f.opcode() == RawWebSocket.CLOSE) {
                    return "close " + f.closeCode();
                }
                if (f.opcode() == RawWebSocket.TEXT) {
                    JsonNode frame = Json.parse(f.text());
                    if (frame.path("op").asText().equals("pong") && frame.path("ref").asText().equals("probe")) {
                        return "pong";
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return "silence";
        } catch (IOException e) {
            return "closed";
        }
    }

    private static long seed() {
        String s = System.getProperty("fuzz.seed", "20261203");
        return s.equals("random") ? new Random().nextLong() : Long.parseLong(s);
    }

    private static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 240); i++) {
            int c = bytes[i] & 0xff;
            b.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return bytes.length > 240 ? b + "...(" + bytes.length + " bytes)" : b.toString();
    }
}
