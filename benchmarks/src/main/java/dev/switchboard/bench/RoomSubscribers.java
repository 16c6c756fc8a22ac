package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A few WebSocket subscribers that join rooms and only count the events they receive: the listening side
 * of a publish benchmark, so that every publish is also delivered and the server pays for its fanout.
 * Subscriber {@code i} joins room {@code roomPrefix + (i % rooms)}.
 */
final class RoomSubscribers implements WebSocketLoad.Handler, AutoCloseable {
    private static final byte[] EVENT = JsonBytes.quoted("event");
    private static final byte[] WELCOME = JsonBytes.quoted("welcome");
    private static final byte[] JOINED = JsonBytes.quoted("joined");

    private final WebSocketLoad ws;
    private final String roomPrefix;
    private final int rooms;
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicLong events = new AtomicLong();

    RoomSubscribers(String roomPrefix, int rooms) throws IOException {
        this.roomPrefix = roomPrefix;
        this.rooms = rooms;
        this.ws = new WebSocketLoad(this);
    }

    /** Connects {@code count} subscribers with service tokens and waits until each has joined its room. */
    void join(int wsPort, TokenIssuer issuer, int count) throws InterruptedException {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", wsPort);
        for (int i = 0; i < count; i++) {
            String token = issuer.issue("bench-sub-" + i, Role.SERVICE, null, Duration.ofHours(4));
            ws.connect(i, target, null, "/ws?token=" + token + "&device=d-" + i + "&app=bench", i);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (joined.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (joined.get() < count) {
            throw new IllegalStateException(joined.get() + " of " + count + " subscribers joined");
        }
    }

    /** Events received by all subscribers so far. */
    long events() {
        return events.get();
    }

    @Override
    public void opened(WebSocketLoad.Conn c) {
        // the server speaks first (welcome)
    }

    @Override
    public void text(WebSocketLoad.Conn c, byte[] a, int off, int len) {
        int end = off + len;
        if (JsonBytes.opIs(a, off, end, EVENT)) {
            events.incrementAndGet();
        } else if (JsonBytes.opIs(a, off, end, WELCOME)) {
            ws.sendText(c, "{\"op\":\"join\",\"ref\":1,\"room\":\"" + roomPrefix + ((Integer) c.attachment % rooms) + "\"}");
        } else if (JsonBytes.opIs(a, off, end, JOINED)) {
            joined.incrementAndGet();
        }
    }

    @Override
    public void closed(WebSocketLoad.Conn c, int code, String reason) {
        System.out.printf("  subscriber %d closed: %d %s%n", c.id, code, reason);
    }

    @Override
    public void close() throws Exception {
        ws.close();
    }
}
