package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.ui.Format;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One open connection as GET /admin/connections and the admin stream's snapshot list it, parsed off
 * the UI thread so that applying thousands of them is only field copies. Immutable.
 */
public record ConnectionInfo(String connectionId, String userId, String deviceId, String appVersion, String remoteIp,
                             String node, Instant connectedAt, long backlogBytes, List<RoomState> rooms) {

    public static ConnectionInfo from(JsonNode json) {
        List<RoomState> rooms = new ArrayList<>(json.path("rooms").size());
        json.path("rooms").forEach(r -> rooms.add(RoomState.from(r)));
        return new ConnectionInfo(
                json.path("connectionId").asText(),
                json.path("userId").asText(),
                json.path("deviceId").asText(),
                json.path("appVersion").asText(),
                json.path("remoteIp").asText(),
                json.path("node").asText(),
                Format.instant(json.path("connectedAt").asText(null)),
                json.path("backlogBytes").asLong(),
                List.copyOf(rooms));
    }

    /** The list of a page or snapshot ({@code connections} array). */
    public static List<ConnectionInfo> listFrom(JsonNode array) {
        List<ConnectionInfo> out = new ArrayList<>(array.size());
        array.forEach(c -> out.add(from(c)));
        return out;
    }
}
