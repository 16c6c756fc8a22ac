package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.model.json.Json;

/**
 * One connection's place in one room as the gateway reports it (docs/admin-api.md, GET
 * /admin/connections and GET /admin/rooms/{room}/members): the last offset sent, the last cumulative
 * ack, the gateway's own lag (room head minus {@code deliveredTo}) and the presence state as compact
 * JSON ("" for none). Immutable; parsed off the UI thread.
 */
public record RoomState(String room, long deliveredTo, long ackedTo, long serverLag, String presence) {

    /** The room's head as the gateway saw it when it answered: what was sent plus what was not. */
    public long head() {
        return deliveredTo + serverLag;
    }

    /** A room of {@code GET /admin/connections/{id}} or of a page of connections. */
    public static RoomState of(ConnectionInfo.RoomProgress p) {
        return new RoomState(p.room(), p.deliveredTo(), p.ackedTo(), p.lag(), presence(p.presence()));
    }

    /** A connection of {@code GET /admin/rooms/{room}/members}, whose entries do not name their room. */
    public static RoomState of(RoomMembers.Member m, String room) {
        return new RoomState(room, m.deliveredTo(), m.ackedTo(), m.lag(), presence(m.presence()));
    }

    private static String presence(JsonNode p) {
        return p == null || p.isNull() ? "" : Json.write(p);
    }
}
