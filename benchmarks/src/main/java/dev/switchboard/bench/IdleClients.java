package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Idle users, one WebSocket connection each, driven by {@link WebSocketLoad}'s one selector thread:
 * each is a distinct user with a USER token, so it sits in its own {@code user:} room, and may also
 * join one more room. Once ready they only answer the server's pings and count what arrives (events,
 * application pongs, presence). Used by {@link IdleConnectionsBenchmark} (what a connection costs) and
 * {@link ConsolePulseBenchmark} (the audience of a busy gateway).
 *
 * <p>Threads: the handler callbacks, {@link Client} state, {@code closes}, {@code problems} and
 * {@code presence} belong to the selector thread (read them through {@link WebSocketLoad#call}); the
 * atomic counters may be read from any thread.
 */
final class IdleClients implements WebSocketLoad.Handler {
    private static final byte[] WELCOME = JsonBytes.quoted("welcome");
    private static final byte[] JOINED = JsonBytes.quoted("joined");
    private static final byte[] EVENT = JsonBytes.quoted("event");
    private static final byte[] PONG = JsonBytes.quoted("pong");
    private static final byte[] PRESENCE = JsonBytes.quoted("presence");

    /** One connection's progress; selector thread only. */
    private static final class Client {
        final String room;
        boolean welcomed;
        boolean settled;

        Client(String room) {
            this.room = room;
        }
    }

    /** Connections that are ready (welcomed, and joined when they had a room) or were refused. */
    final AtomicInteger settled = new AtomicInteger();
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger closedAfterReady = new AtomicInteger();
    final AtomicInteger pongs = new AtomicInteger();
    final AtomicLong deliveries = new AtomicLong();
    long presence;
    final Map<String, Integer> closes = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    private WebSocketLoad ws;

    /**
     * Opens the connections of users {@code from} to {@code to - 1} to {@code target}, user i from
     * 127.0.0.(1 + i / perAddress) (loopback has ~28,000 ports per source address) and joining
     * {@code roomOf(i)} unless null. Paced at {@code rate} per second with fewer handshakes unanswered
     * than {@code maxHandshakes}, below the listener's accept backlog (50), so that it never overflows.
     * Returns once the last is asked for; {@link #awaitSettled} waits for the answers.
     */
    void open(WebSocketLoad load, TokenIssuer issuer, InetSocketAddress target, int from, int to, IntFunction<String> userOf,
              IntFunction<String> roomOf, int perAddress, int rate, int maxHandshakes, String app) throws InterruptedException {
        this.ws = load;
        long t0 = System.nanoTime();
        for (int i = from; i < to; i++) {
            while (i - settled.get() >= maxHandshakes || (System.nanoTime() - t0) * rate / 1_000_000_000L < i - from) {
                Thread.sleep(1);
            }
            String token = issuer.issue(userOf.apply(i), Role.USER, null, Duration.ofHours(4));
            InetSocketAddress source = new InetSocketAddress("127.0.0." + (1 + i / perAddress), 0);
            load.connect(i, target, source, "/ws?token=" + token + "&device=d-" + i + "&app=" + app, new Client(roomOf.apply(i)));
        }
    }

    /** Waits until {@code count} connections in all are ready or refused, or {@code seconds} passed. */
    void awaitSettled(int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (settled.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void opened(WebSocketLoad.Conn c) {
    }

    @Override
    public void text(WebSocketLoad.Conn c, byte[] a, int off, int len) {
        Client client = (Client) c.attachment;
        int end = off + len;
        if (JsonBytes.opIs(a, off, end, EVENT)) {
            deliveries.incrementAndGet();
        } else if (!client.welcomed) {
            if (!JsonBytes.opIs(a, off, end, WELCOME)) {
                problem("first frame is not welcome: " + new String(a, off, Math.min(len, 300), StandardCharsets.UTF_8));
            }
            client.welcomed = true;
            if (client.room == null) {
                settle(client, true);
            } else {
                ws.sendText(c, "{\"op\":\"join\",\"ref\":1,\"room\":\"" + client.room + "\"}");
            }
        } else if (JsonBytes.opIs(a, off, end, JOINED) && !client.settled) {
            settle(client, true);
        } else if (JsonBytes.opIs(a, off, end, PONG)) {
            pongs.incrementAndGet();
        } else if (JsonBytes.opIs(a, off, end, PRESENCE)) {
            presence++;
        } else {
            problem("client " + c.id + " got: " + new String(a, off, Math.min(len, 300), StandardCharsets.UTF_8));
            if (!client.settled) {
                settle(client, false);
            }
        }
    }

    private void settle(Client client, boolean ok) {
        client.settled = true;
        settled.incrementAndGet();
        if (ok) {
            ready.incrementAndGet();
        }
    }

    @Override
    public void closed(WebSocketLoad.Conn c, int code, String reason) {
        Client client = (Client) c.attachment;
        closes.merge(code + (reason.isEmpty() ? "" : " " + reason), 1, Integer::sum);
        if (client.settled) {
            closedAfterReady.incrementAndGet();
        } else {
            settle(client, false);
        }
    }

    void problem(String what) {
        if (problems.size() < 20) {
            problems.add(what);
        }
    }

    /** {open connections, heartbeat pings answered in all, fewest answered by one open connection}. */
    long[] heartbeats() {
        long open = 0;
        long total = 0;
        long fewest = Long.MAX_VALUE;
        for (WebSocketLoad.Conn c : ws.connections()) {
            total += c.pingsAnswered;
            if (c.isOpen()) {
                open++;
                fewest = Math.min(fewest, c.pingsAnswered);
            }
        }
        return new long[] {open, total, open == 0 ? 0 : fewest};
    }

    /** Closes by code and the first problems seen; selector thread. */
    String summary() {
        StringBuilder b = new StringBuilder("closes by code: " + (closes.isEmpty() ? "none" : closes.toString()));
        for (String p : problems) {
            b.append("\n  problem: ").append(p);
        }
        return b.toString();
    }
}
