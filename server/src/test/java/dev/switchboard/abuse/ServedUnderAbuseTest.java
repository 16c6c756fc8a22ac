package dev.switchboard.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance run: while 50 slow or idle unauthenticated connections sit on the HTTP and
 * WebSocket ports and one signed-in user floods pings without reading the pongs, an ordinary publish is
 * answered and its event reaches an ordinary device, every time. The figures are printed, not asserted
 * (timings belong to benchmarks); what is asserted is that everything completes and that the ping
 * flooder is cut off instead of being buffered for.
 */
class ServedUnderAbuseTest {
    private final List<Socket> attackers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService drip = Executors.newScheduledThreadPool(2);
    private final AtomicBoolean stop = new AtomicBoolean();
    private TestGateway gw;

    @AfterEach
    void tearDown() {
        stop.set(true);
        drip.shutdownNow();
        attackers.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        });
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void publishAndDeliveryCompleteWhileSlowAndIdleClientsAndAPingFloodAreOpen(@TempDir Path dir) throws Exception {
        gw = TestGateway.start(dir);
        int http = gw.gateway().httpPort();
        int ws = gw.gateway().wsPort();
        gw.service().put("/api/acl/document:abuse/members/alice");
        try (WsClient alice = gw.connect("alice", "phone")) {
            alice.next("welcome");
            alice.join("document:abuse");

            // 10 each: "G" then silence; a 2 MB body declared and never sent; headers a byte a second (HTTP);
            // an upgrade whose headers never end; a TCP connection that says nothing (WebSocket).
            for (int i = 0; i < 10; i++) {
                open(http).write('G');
                open(http).write(("POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                OutputStream slow = open(http);
                drip.scheduleAtFixedRate(() -> write(slow, "X"), 0, 1, TimeUnit.SECONDS);
                OutputStream endless = open(ws);
                endless.write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                drip.scheduleAtFixedRate(() -> write(endless, "X-Filler: " + "f".repeat(1000) + "\r\n"), 0, 100,
                        TimeUnit.MILLISECONDS);
                open(ws);
            }
            PingFlood flood = new PingFlood(RawWebSocket.connect(ws, "/ws?token=" + gw.token("mallory", Role.USER)
                    + "&device=flood"));
            Thread flooder = new Thread(flood, "ping-flood");
            flooder.start();

            List<Long> publishMicros = new ArrayList<>();
            List<Long> deliveryMicros = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                Api.Response r = gw.service().publish(Api.event("doc.line.added", "doc:abuse", List.of("document:abuse"),
                        Json.object().put("n", i)));
                long answered = System.nanoTime();
                assertThat(r.status()).as("publish %d while under abuse: %s", i, r).isEqualTo(201);
                JsonNode event = alice.next("event");
                long delivered = System.nanoTime();
                assertThat(event.path("event").path("payload").path("n").asInt()).isEqualTo(i);
                publishMicros.add((answered - start) / 1000);
                deliveryMicros.add((delivered - start) / 1000);
            }
            assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
            assertThat(gw.service().get("/api/rooms/document:abuse/events?after=0").json().path("head").asLong())
                    .isEqualTo(20);

            flooder.join(Duration.ofSeconds(30).toMillis());
            assertThat(flood.ended.get()).as("the ping flooder was cut off (it sent %d pings)", flood.sent).isTrue();
            System.out.printf("under abuse: publish answered in %s µs, event delivered in %s µs (sorted); "
                            + "ping flooder sent %d pings before the gateway cut it%n",
                    publishMicros.stream().sorted().toList(), deliveryMicros.stream().sorted().toList(), flood.sent);
        }
    }

    private OutputStream open(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        attackers.add(s);
        return s.getOutputStream();
    }

    private void write(OutputStream out, String s) {
        if (stop.get()) {
            return;
        }
        try {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closedByServer) {
            // the gateway cut it: what it should do sooner or later
        }
    }

    /** Sends 125-byte pings as fast as the socket takes them and never reads a pong. */
    private final class PingFlood implements Runnable {
        private final RawWebSocket socket;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile long sent;

        PingFlood(RawWebSocket socket) {
            this.socket = socket;
            attackers.add(socket.socket());
        }

        @Override
        public void run() {
            byte[] ping = RawWebSocket.frame(true, RawWebSocket.PING, new byte[125], true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            try {
                socket.socket().setSoTimeout(1_000);
                while (!stop.get() && System.nanoTime() < deadline) {
                    socket.sendRaw(ping);
                    sent++;
                }
            } catch (IOException cut) {
                ended.set(true);
            }
        }
    }
}
