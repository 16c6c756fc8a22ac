package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.metrics.Metrics;
import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.Handshakedata;

/**
 * A console that does not keep up is never buffered for without bound: it gets the newest deltas
 * and a count of the ones coalesced away, only the latest stats, and nothing while its socket is behind;
 * past its rate cap it gets a count per topic instead of the items.
 */
class AdminStreamCoalescingTest {
    private static ObjectNode delta(int n) {
        ObjectNode d = Json.object();
        d.put("kind", "event.published");
        d.put("n", n);
        return d;
    }

    /** A socket with nothing behind it: what the console queues stays in its out queue. */
    private static WebSocketImpl connection() {
        return new WebSocketImpl(new WebSocketAdapter() {
            @Override
            public void onWebsocketMessage(WebSocket conn, String message) {
            }

            @Override
            public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
            }

            @Override
            public void onWebsocketOpen(WebSocket conn, Handshakedata d) {
            }

            @Override
            public void onWebsocketClose(WebSocket ws, int code, String reason, boolean remote) {
            }

            @Override
            public void onWebsocketClosing(WebSocket ws, int code, String reason, boolean remote) {
            }

            @Override
            public void onWebsocketCloseInitiated(WebSocket ws, int code, String reason) {
            }

            @Override
            public void onWebsocketError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onWriteDemand(WebSocket conn) {
            }

            @Override
            public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
                return null;
            }

            @Override
            public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
                return null;
            }
        }, new Draft_6455());
    }

    private static AdminStream.Console console(WebSocketImpl connection) {
        return new AdminStream.Console(connection, "ops", GatewayConfig.defaults().ws(), null,
                new GatewayMetrics(new Metrics()));
    }

    @Test
    void pastItsRateCapAConsoleGetsACountPerTopicAndTheNextSecondItemsAgain() throws Exception {
        AdminStream.Console console = console(connection());
        AtomicLong nanos = new AtomicLong();
        console.countSecondsOn(nanos::get);
        console.capAt(5L);
        for (int i = 0; i < 12; i++) {
            console.offer("events", delta(i));
        }
        console.offer("failures", delta(12));
        JsonNode frame = Json.parse(console.drain());
        assertThat(frame.path("items")).extracting(d -> d.path("n").asInt()).containsExactly(0, 1, 2, 3, 4);
        assertThat(frame.path("more").path("events").asLong()).isEqualTo(7);
        assertThat(frame.path("more").path("failures").asLong()).isEqualTo(1);
        assertThat(frame.path("coalesced").asLong()).isZero();

        nanos.addAndGet(1_000_000_001L);
        console.offer("events", delta(13));
        JsonNode next = Json.parse(console.drain());
        assertThat(next.path("items")).extracting(d -> d.path("n").asInt()).containsExactly(13);
        assertThat(next.has("more")).as("counted once").isFalse();
    }

    @Test
    void aSlowConsoleGetsTheNewestDeltasAndACountOfTheRest() throws Exception {
        WebSocketImpl connection = connection();
        AdminStream.Console console = console(connection);
        // At the highest rate cap, two seconds of deltas: more than a frame keeps.
        AtomicLong nanos = new AtomicLong();
        console.countSecondsOn(nanos::get);
        console.capAt((long) AdminStream.MAX_PER_SECOND);
        int offered = AdminStream.MAX_PENDING + 500;
        for (int i = 0; i < offered; i++) {
            if (i == AdminStream.MAX_PER_SECOND) {
                nanos.addAndGet(1_000_000_001L);
            }
            console.offer("events", delta(i));
        }
        for (int i = 0; i < 5; i++) {
            ObjectNode stats = Json.object();
            stats.put("kind", "stats");
            stats.put("connections", i);
            console.offer("stats", stats);
        }

        // The console's socket has frames it has not read: nothing more is sent, nothing more is kept.
        for (int i = 0; i < 9; i++) {
            connection.outQueue.add(ByteBuffer.allocate(1));
        }
        assertThat(console.drain()).isNull();
        for (int i = offered; i < offered + 100; i++) {
            console.offer("events", delta(i));
        }
        connection.outQueue.clear();

        JsonNode frame = Json.parse(console.drain());
        assertThat(frame.path("op").asText()).isEqualTo("deltas");
        assertThat(frame.path("items")).hasSize(AdminStream.MAX_PENDING);
        assertThat(frame.path("items").get(AdminStream.MAX_PENDING - 1).path("n").asInt()).as("the newest kept")
                .isEqualTo(offered + 99);
        assertThat(frame.path("coalesced").asLong()).isEqualTo(600);
        assertThat(frame.path("stats").path("connections").asInt()).as("only the latest stats").isEqualTo(4);
        assertThat(frame.has("more")).as("nothing went past the cap").isFalse();
        assertThat(console.drain()).as("nothing left").isNull();
    }
}
