package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * socket.io 4 over a plain WebSocket (engine.io protocol 4): the server opens with {@code 0{...}}, the
 * client enters the default namespace with {@code 40}, events are {@code 42["name",...]}, an acknowledged
 * emit is {@code 42<id>[...]} answered by {@code 43<id>[...]}, and the server's ping {@code 2} wants {@code 3}.
 * The peer (benchmarks/peers/socketio-server.js) joins the rooms of the handshake query and emits "ready".
 */
final class SocketIoDialect implements PeerDialect {
    private static final byte[] READY_EVENT = "42[\"ready\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EV_EVENT = "42[\"ev\"".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String path(int index, List<String> rooms) {
        return "/socket.io/?EIO=4&transport=websocket" + (rooms.isEmpty() ? "" : "&rooms=" + String.join(",", rooms));
    }

    @Override
    public void text(WebSocketLoad ws, WebSocketLoad.Conn c, PeerLink link, byte[] a, int off, int len, Events events) {
        if (startsWith(a, off, len, EV_EVENT)) {
            long seq = BenchEvent.seq(a, off, off + len);
            if (seq < 0) {
                events.problem("ev without bseq: " + new String(a, off, Math.min(len, 200), StandardCharsets.UTF_8));
            } else {
                events.event(c, seq);
            }
        } else if (len >= 2 && a[off] == '4' && a[off + 1] == '3') {
            events.ack(c);
        } else if (len == 1 && a[off] == '2') {
            ws.sendText(c, "3");
        } else if (len >= 1 && a[off] == '0') {
            ws.sendText(c, "40");
        } else if (startsWith(a, off, len, READY_EVENT)) {
            events.ready(c);
        } else if (!(len >= 2 && a[off] == '4' && a[off + 1] == '0')) {
            events.problem("unexpected socket.io frame: " + new String(a, off, Math.min(len, 200), StandardCharsets.UTF_8));
        }
    }

    @Override
    public String publish(List<String> rooms, String payload, long id) {
        StringBuilder b = new StringBuilder(payload.length() + 64).append("42").append(id).append("[\"pub\",[");
        for (int i = 0; i < rooms.size(); i++) {
            b.append(i == 0 ? "\"" : ",\"").append(rooms.get(i)).append('"');
        }
        return b.append("],").append(payload).append(']').toString();
    }

    private static boolean startsWith(byte[] a, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
