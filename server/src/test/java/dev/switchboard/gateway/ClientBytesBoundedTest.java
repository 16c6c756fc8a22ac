package dev.switchboard.gateway;

import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.switchboard.gateway.LimitsAndCloseCodesTest.awaitMetricAtLeast;
import static dev.switchboard.gateway.LimitsAndCloseCodesTest.metric;
import static org.assertj.core.api.Assertions.assertThat;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Issue 12, defect 2 (and the masking part of 8): every byte a WebSocket client can make the gateway
 * hold is bounded, and the client is cut when it passes the bound. Fragments that never end (1009),
 * unmasked frames (1002), ping floods (4008), pongs never read (4009), on client and admin streams
 * alike; upgrade heads that never end (431); and more open sockets than {@code ws.max-connections}.
 */
class ClientBytesBoundedTest {
    private static final byte[] PING_125 = new byte[125];

    private final List<AutoCloseable> open = new ArrayList<>();
    private TestGateway gw;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private TestGateway start(Path dir, Map<ConfigKey, String> overrides) {
        gw = TestGateway.start(dir, overrides);
        return gw;
    }

    private RawWebSocket raw(String pathAndQuery) {
        RawWebSocket ws = RawWebSocket.connect(gw.gateway().wsPort(), pathAndQuery);
        open.add(ws);
        assertThat(ws.upgraded()).as(ws.handshakeResponse).isTrue();
        return ws;
    }

    private RawWebSocket user(String user) {
        return raw("/ws?token=" + gw.token(user, Role.USER) + "&device=raw");
    }

    @Test
    void aMessageWhoseFragmentsNeverEndIsCutWith1009AtTheFragmentThatPassesTheLimit(@TempDir Path dir) {
        start(dir, Map.of());
        RawWebSocket ws = user("fragmenter");
        byte[] sixteenKiB = new byte[16 * 1024];
        ws.send(false, RawWebSocket.TEXT, sixteenKiB, true);
        // 64 KiB is the limit: the fifth fragment passes it, and no final fragment ever comes.
        for (int i = 0; i < 4; i++) {
            ws.send(false, RawWebSocket.CONTINUATION, sixteenKiB, true);
        }
        assertThat(closeCode(ws)).as("close code for a message whose fragments add up past 64 KiB").isEqualTo(1009);
    }

    @Test
    void fragmentsThatStayUnderTheLimitMakeOneMessage(@TempDir Path dir) throws IOException {
        start(dir, Map.of());
        RawWebSocket ws = user("fragments-ok");
        assertThat(ws.read().text()).contains("\"welcome\"");
        byte[] json = "{\"op\":\"ping\",\"ref\":\"split\"}".getBytes(StandardCharsets.UTF_8);
        ws.send(false, RawWebSocket.TEXT, Arrays.copyOfRange(json, 0, 10), true);
        ws.send(true, RawWebSocket.CONTINUATION, Arrays.copyOfRange(json, 10, json.length), true);
        assertThat(ws.read().text()).contains("\"pong\"").contains("split");
    }

    @Test
    void anUnmaskedClientFrameIsClosedWith1002(@TempDir Path dir) {
        start(dir, Map.of());
        RawWebSocket ws = user("unmasked");
        ws.send(true, RawWebSocket.TEXT, "{\"op\":\"ping\",\"ref\":1}".getBytes(StandardCharsets.UTF_8), false);
        assertThat(closeCode(ws)).as("RFC 6455 5.1: a server closes on an unmasked client frame").isEqualTo(1002);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/admin/ws"})
    void pingsCountTowardTheMessageRateAndAFloodIsClosedWith4008(String path, @TempDir Path dir) {
        start(dir, Map.of(ConfigKey.WS_MESSAGES_PER_SECOND, "20"));
        Role role = path.equals("/ws") ? Role.USER : Role.ADMIN;
        RawWebSocket ws = raw(path + "?token=" + gw.token("pinger", role));
        try {
            ws.sendRaw(pings(200));
        } catch (IOException cutWhileSending) {
            // the gateway may already have closed it
        }
        assertThat(closeCode(ws)).as("close code after 200 pings at once with a rate of 20/s").isEqualTo(4008);
    }

    /**
     * A client that pings within the rate but never reads: each pong counts in its backlog, and past
     * {@code ws.max-outgoing-bytes} it is cut with 4009 like any slow reader. The socket buffers take a
     * few MB first, so the pings go on until the gateway reports the cut.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/admin/ws"})
    void pongsNeverReadAreHeldToTheOutgoingLimitAndCutWith4009(String path, @TempDir Path dir) throws Exception {
        start(dir, Map.of(ConfigKey.WS_MESSAGES_PER_SECOND, "1000000", ConfigKey.WS_MAX_OUTGOING_BYTES, "65536"));
        Role role = path.equals("/ws") ? Role.USER : Role.ADMIN;
        RawWebSocket ws = raw(path + "?token=" + gw.token("never-reads", role));
        String cut = "switchboard_ws_limit_events_total{limit=\"slow_consumer\"}";
        AtomicBoolean stop = new AtomicBoolean();
        byte[] burst = pings(100);
        Thread pinger = new Thread(() -> {
            try {
                while (!stop.get()) {
                    ws.sendRaw(burst);
                }
            } catch (IOException closed) {
                // cut
            }
        }, "pinger");
        pinger.start();
        try {
            Await.until("the gateway cuts the reader that never reads its pongs", Duration.ofSeconds(20),
                    () -> metric(gw.anonymous(), cut) >= 1);
        } finally {
            stop.set(true);
        }
        assertThat(closeCode(ws)).as("close code after the queued pongs").isEqualTo(4009);
        pinger.join(10_000);
    }

    /**
     * Reads until the gateway's close frame and answers its code (-1 when the connection ended without
     * one); fails when none came within 20 s, even while other frames keep arriving (an admin stream
     * gets stats every second).
     */
    private static int closeCode(RawWebSocket ws) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ws.soTimeout(5_000);
        try {
            while (System.nanoTime() < deadline) {
                RawWebSocket.Frame f = ws.read();
                if (f.opcode() == RawWebSocket.CLOSE) {
                    return f.closeCode();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway went silent without closing", e);
        } catch (IOException ended) {
            return -1;
        }
        throw new AssertionError("no close frame within 20 s");
    }

    /** {@code n} masked pings of 125 bytes each, back to back. */
    private static byte[] pings(int n) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            all.writeBytes(RawWebSocket.frame(true, RawWebSocket.PING, PING_125, true));
        }
        return all.toByteArray();
    }

    @Test
    void anUpgradeHeadThatNeverEndsIsAnswered431AtTheLimit(@TempDir Path dir) throws IOException {
        start(dir, Map.of(ConfigKey.WS_HANDSHAKE_TIMEOUT, "60s"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", gw.gateway().wsPort()), 5_000);
            s.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder("GET /ws HTTP/1.1\r\nHost: x\r\n");
            while (head.length() < 20 * 1024) {
                head.append("X-Filler: ").append("f".repeat(1000)).append("\r\n");
            }
            s.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).as("answer to a 20 KiB head with no end, limit 16 KiB").isEqualTo("HTTP/1.1 431");
        }
        awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_handshakes_refused_total{reason=\"handshake_too_large\"}", 1);
        // A large but finished head is still an ordinary upgrade.
        RawWebSocket big = RawWebSocket.connect(gw.gateway().wsPort(),
                "/ws?token=" + gw.token("big-head", Role.USER), "X-Large: " + "l".repeat(8 * 1024));
        open.add(big);
        assertThat(big.upgraded()).as(big.handshakeResponse).isTrue();
    }

    @Test
    void socketsBeyondMaxConnectionsAreClosedAtAcceptAndASlotFreesAgain(@TempDir Path dir) throws Exception {
        start(dir, Map.of(ConfigKey.WS_MAX_CONNECTIONS, "3", ConfigKey.WS_HANDSHAKE_TIMEOUT, "60s"));
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            idle.add(tcp());
        }
        Await.until("three sockets counted", () -> metric(gw.anonymous(), "switchboard_ws_sockets") == 3);
        try (Socket fourth = tcp()) {
            fourth.setSoTimeout(15_000);
            InputStream in = fourth.getInputStream();
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the socket over ws.max-connections was kept open", e);
            } catch (IOException reset) {
                b = -1;
            }
            assertThat(b).as("the socket over the limit is closed at once").isEqualTo(-1);
        }
        awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_handshakes_refused_total{reason=\"max_connections\"}", 1);
        idle.remove(0).close();
        Await.until("the closed socket's slot is given back", () -> metric(gw.anonymous(), "switchboard_ws_sockets") == 2);
        try (WsClient alice = gw.connect("alice", "phone")) {
            assertThat(alice.next("welcome").path("userId").asText()).isEqualTo("alice");
        }
    }

    private Socket tcp() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", gw.gateway().wsPort()), 5_000);
        open.add(s);
        return s;
    }
}
