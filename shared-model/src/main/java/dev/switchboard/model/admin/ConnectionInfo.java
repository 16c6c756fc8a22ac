package dev.switchboard.model.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One open connection, as listed by {@code GET /admin/connections} and in the stream's snapshot.
 *
 * @param heartbeatAgoMs only in {@code GET /admin/connections/{id}}: since the last frame or pong
 * @param fault          only there: the fault injected on it, if any
 */
public record ConnectionInfo(String connectionId, String userId, String deviceId, String appVersion, String remoteIp,
                             String node, String connectedAt, long backlogBytes, List<RoomProgress> rooms,
                             Long heartbeatAgoMs, FaultInfo fault) {

    public ConnectionInfo {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }

    /**
     * Where a connection is in one room.
     *
     * @param deliveredTo last offset queued to the socket
     * @param ackedTo     last cumulative ack
     * @param presence    the connection's presence state in the room, or null
     */
    public record RoomProgress(String room, long deliveredTo, long ackedTo, long lag, JsonNode presence) {
    }
}
