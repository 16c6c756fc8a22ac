package dev.switchboard.bench;

import java.util.List;

/**
 * The contract of the two bare broadcasters ({@link JavaWsBroadcaster}, benchmarks/peers/ws-broadcaster.js):
 * rooms in the query string, {@code ready} once joined, {@code rooms|payload} to publish, {@code ok} back.
 */
final class PlainDialect implements PeerDialect {
    private static final byte[] READY = {'r', 'e', 'a', 'd', 'y'};
    private static final byte[] OK = {'o', 'k'};

    @Override
    public String path(int index, List<String> rooms) {
        return rooms.isEmpty() ? "/" : "/?rooms=" + String.join(",", rooms);
    }

    @Override
    public void text(WebSocketLoad ws, WebSocketLoad.Conn c, PeerLink link, byte[] a, int off, int len, Events events) {
        if (is(a, off, len, OK)) {
            events.ack(c);
        } else if (is(a, off, len, READY)) {
            events.ready(c);
        } else {
            long seq = BenchEvent.seq(a, off, off + len);
            if (seq < 0) {
                events.problem("unexpected frame: " + new String(a, off, Math.min(len, 200)));
            } else {
                events.event(c, seq);
            }
        }
    }

    @Override
    public String publish(List<String> rooms, String payload, long id) {
        return String.join(",", rooms) + "|" + payload;
    }

    static boolean is(byte[] a, int off, int len, byte[] word) {
        if (len != word.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (a[off + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
