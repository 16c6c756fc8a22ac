package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.model.json.Json;

/**
 * One connection's place in one room as the gateway reports it (docs/admin-api.md, GET
 * /admin/connections and GET /admin/rooms/{room}/members): the last offset sent, the last cumulative
 * ack, the gateway's {@code unsent} and {@code unacked} ("Progress figures", computed once, by the
 * gateway) and the presence state as compact JSON ("" for none). Immutable; parsed off the UI thread.
 */
public record RoomState(String room, long deliveredTo, long ackedTo, long unsent, long unacked, String presence) {

    /** The room's head as the gateway saw it when it answered: what was sent plus what was not. */
    public long head() {
        return deliveredTo + unsent;
    }

    /** A room of {@code GET /admin/connections/{id}} or of a page of connections. */
    public static RoomState of(ConnectionInfo.RoomProgress p) {
        return new RoomState(p.room(), p.deliveredTo(), p.ackedTo(), p.unsent(), p.unacked(), presence(p.presence()));
    }

    /** A connection of {@code GET /admin/rooms/{room}/members}, whose entries do not name their room. */
    public static RoomState of(RoomMembers.Member m, String room) {
        return new RoomState(room, m.deliveredTo(), m.ackedTo(), m.unsent(), m.unacked(), presence(m.presence()));
    }

    private static String presence(JsonNode p) {
        return p == null || p.isNull() ? "" : Json.write(p);
    }
}
