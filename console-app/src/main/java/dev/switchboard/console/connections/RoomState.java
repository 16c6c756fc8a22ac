package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** {@code room} is passed in for the members endpoint, whose entries do not name their room. */
    public static RoomState from(JsonNode json, String room) {
        JsonNode presence = json.get("presence");
        return new RoomState(room,
                json.path("deliveredTo").asLong(),
                json.path("ackedTo").asLong(),
                json.path("lag").asLong(),
                presence == null || presence.isNull() ? "" : Json.write(presence));
    }

    public static RoomState from(JsonNode json) {
        return from(json, json.path("room").asText());
    }
}
