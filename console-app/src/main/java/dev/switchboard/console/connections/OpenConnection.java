package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.ConnectionInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One open connection as GET /admin/connections and the admin stream's snapshot list it, parsed off
 * the UI thread so that applying thousands of them is only field copies. Immutable.
 */
public record OpenConnection(String connectionId, String userId, String deviceId, String appVersion, String remoteIp,
                             String node, Instant connectedAt, long backlogBytes, List<RoomState> rooms) {

    public static OpenConnection from(JsonNode json) {
        List<RoomState> rooms = new ArrayList<>(json.path("rooms").size());
        json.path("rooms").forEach(r -> rooms.add(RoomState.from(r)));
        return new OpenConnection(
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

    public static OpenConnection of(ConnectionInfo c) {
        List<RoomState> rooms = new ArrayList<>(c.rooms().size());
        c.rooms().forEach(r -> rooms.add(RoomState.of(r)));
        return new OpenConnection(c.connectionId(), c.userId(), c.deviceId(), c.appVersion(), c.remoteIp(), c.node(),
                Format.instant(c.connectedAt()), c.backlogBytes(), List.copyOf(rooms));
    }

    /** A page of {@code GET /admin/connections}. */
    public static List<OpenConnection> listFrom(List<ConnectionInfo> page) {
        List<OpenConnection> out = new ArrayList<>(page.size());
        page.forEach(c -> out.add(of(c)));
        return out;
    }

    /** The snapshot's list ({@code connections} array). */
    public static List<OpenConnection> listFrom(JsonNode array) {
        List<OpenConnection> out = new ArrayList<>(array.size());
        array.forEach(c -> out.add(from(c)));
        return out;
    }
}
