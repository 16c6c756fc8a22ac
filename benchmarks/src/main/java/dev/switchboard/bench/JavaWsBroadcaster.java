package dev.switchboard.bench;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare Java-WebSocket broadcaster of the side-by-side benchmark ({@link PeersBenchmark}): what the
 * library costs with nothing of a gateway around it. No auth, no log, no history, no backlog limit.
 *
 * <p>A subscriber names its rooms in the query string ({@code /?rooms=a,b}) and is told {@code ready}
 * once it is in them. A publisher is any connection that sends {@code room1,room2|payload}: the payload
 * goes to every member of those rooms through the library's own broadcast (the frame is built once per
 * message), then the publisher gets {@code ok}, so that it can keep a fixed number in flight.
 *
 * <p>Runs as its own process: {@code java -cp benchmarks.jar dev.switchboard.bench.JavaWsBroadcaster}
 * prints {@code ready ws=PORT} once it listens on 127.0.0.1.
 */
public final class JavaWsBroadcaster extends WebSocketServer {
    // Callbacks come from the library's worker threads: rooms must be safe to read and change at once.
    private final Map<String, Set<WebSocket>> rooms = new ConcurrentHashMap<>();

    private JavaWsBroadcaster() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setTcpNoDelay(true);
        setReuseAddr(true);
    }

    public static void main(String[] args) {
        new JavaWsBroadcaster().start();
    }

    @Override
    public void onStart() {
        System.out.println("ready ws=" + getPort());
        System.out.flush();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String path = handshake.getResourceDescriptor();
        int at = path.indexOf("rooms=");
        if (at >= 0) {
            int end = path.indexOf('&', at);
            for (String room : path.substring(at + 6, end < 0 ? path.length() : end).split(",")) {
                rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(conn);
            }
        }
        conn.send("ready");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        int bar = message.indexOf('|');
        if (bar < 0) {
            return;
        }
        String payload = message.substring(bar + 1);
        for (String room : message.substring(0, bar).split(",")) {
            Set<WebSocket> members = rooms.get(room);
            if (members != null) {
                broadcast(payload, members);
            }
        }
        conn.send("ok");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        for (Set<WebSocket> members : rooms.values()) {
            members.remove(conn);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // A benchmark peer keeps going; the load generator sees the closed connection.
    }
}
