package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Switchboard's own WebSocket protocol (shared/PROTOCOL.md), subscriber side: a user token in the
 * query, a {@code join} per room after the welcome, ready once every join is answered, then
 * {@code event} frames whose payload carries the benchmark number. Publishing goes over HTTP.
 */
final class SwitchboardDialect implements PeerDialect {
    private static final byte[] EVENT = JsonBytes.quoted("event");
    private static final byte[] WELCOME = JsonBytes.quoted("welcome");
    private static final byte[] JOINED = JsonBytes.quoted("joined");
    private static final byte[] PRESENCE = JsonBytes.quoted("presence");

    private final TokenIssuer issuer;

    SwitchboardDialect(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** The user of subscriber {@code index}; the ACL grants it its rooms before it connects. */
    static String user(int index) {
        return "sub-" + index;
    }

    /** Switchboard's name for a room of the plan. */
    static String room(String name) {
        return "bench:" + name;
    }

    @Override
    public String path(int index, List<String> rooms) {
        String token = issuer.issue(user(index), Role.USER, null, Duration.ofHours(4));
        return "/ws?token=" + token + "&device=d-" + index + "&app=bench";
    }

    @Override
    public void text(WebSocketLoad ws, WebSocketLoad.Conn c, PeerLink link, byte[] a, int off, int len, Events events) {
        int end = off + len;
        if (JsonBytes.opIs(a, off, end, EVENT)) {
            long seq = BenchEvent.seq(a, off, end);
            if (seq < 0) {
                events.problem("event frame without bseq");
            } else {
                events.event(c, seq);
            }
        } else if (JsonBytes.opIs(a, off, end, JOINED)) {
            if (++link.joins == link.rooms.size()) {
                events.ready(c);
            }
        } else if (JsonBytes.opIs(a, off, end, WELCOME)) {
            for (int i = 0; i < link.rooms.size(); i++) {
                ws.sendText(c, "{\"op\":\"join\",\"ref\":" + (i + 1) + ",\"room\":\"" + room(link.rooms.get(i)) + "\"}");
            }
        } else if (!JsonBytes.opIs(a, off, end, PRESENCE)) {
            events.problem("subscriber " + link.index + " got: " + new String(a, off, Math.min(len, 200), StandardCharsets.UTF_8));
        }
    }
}
