package dev.switchboard.console.rooms;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One room as GET /admin/rooms and the stream's snapshot list it. Immutable; parsed off the UI thread. */
record RoomSummary(String room, int connections, int users, long head) {

    static List<RoomSummary> listFrom(JsonNode array) {
        List<RoomSummary> out = new ArrayList<>(array.size());
        for (JsonNode r : array) {
            out.add(new RoomSummary(r.path("room").asText(), r.path("connections").asInt(), r.path("users").asInt(),
                    r.path("head").asLong()));
        }
        return out;
    }
}
