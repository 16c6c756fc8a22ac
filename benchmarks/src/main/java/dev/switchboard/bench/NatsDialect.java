package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The NATS client protocol over a plain WebSocket, subscriber side only: after the server's INFO the
 * client sends CONNECT, a core SUB per room subject and a PING; the PONG that answers it means every SUB
 * is in place. The server cuts its byte stream into frames anywhere, so a MSG may span frames: the
 * unread tail waits in {@link PeerLink#carry}.
 */
final class NatsDialect implements PeerDialect {
    /** The subject prefix of a room: the stream of {@link NatsPeer} holds {@code room.>}. */
    static final String SUBJECT_PREFIX = "room.";

    @Override
    public String path(int index, List<String> rooms) {
        return "/";
    }

    @Override
    public void text(WebSocketLoad ws, WebSocketLoad.Conn c, PeerLink link, byte[] frame, int off, int len, Events events) {
        byte[] a = frame;
        int at = off;
        int end = off + len;
        if (link.carry != null) {
            a = Arrays.copyOf(link.carry, link.carry.length + len);
            System.arraycopy(frame, off, a, link.carry.length, len);
            at = 0;
            end = a.length;
            link.carry = null;
        }
        while (at < end) {
            int eol = lineEnd(a, at, end);
            if (eol < 0) {
                break;
            }
            if (a[at] == 'M') {
                // MSG <subject> <sid> [reply-to] <#bytes>\r\n<payload>\r\n
                int size = lastNumber(a, at, eol);
                int payload = eol + 2;
                if (end - payload < size + 2) {
                    break;
                }
                long seq = BenchEvent.seq(a, payload, payload + size);
                if (seq < 0) {
                    events.problem("MSG without bseq");
                } else {
                    events.event(c, seq);
                }
                at = payload + size + 2;
                continue;
            }
            String line = new String(a, at, eol - at, StandardCharsets.US_ASCII);
            if (line.startsWith("PING")) {
                ws.sendText(c, "PONG\r\n");
            } else if (line.startsWith("PONG")) {
                if (!link.ready) {
                    events.ready(c);
                }
            } else if (line.startsWith("INFO")) {
                StringBuilder hello = new StringBuilder("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"name\":\"bench-sub-")
                        .append(link.index).append("\"}\r\n");
                for (int i = 0; i < link.rooms.size(); i++) {
                    hello.append("SUB ").append(SUBJECT_PREFIX).append(link.rooms.get(i)).append(' ').append(i + 1).append("\r\n");
                }
                ws.sendText(c, hello.append("PING\r\n").toString());
            } else if (line.startsWith("-ERR")) {
                events.problem("nats: " + line);
            }
            at = eol + 2;
        }
        if (at < end) {
            link.carry = Arrays.copyOfRange(a, at, end);
        }
    }

    private static int lineEnd(byte[] a, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastNumber(byte[] a, int from, int to) {
        int i = to;
        while (i > from && a[i - 1] >= '0' && a[i - 1] <= '9') {
            i--;
        }
        int v = 0;
        for (int j = i; j < to; j++) {
            v = v * 10 + (a[j] - '0');
        }
        return v;
    }
}
