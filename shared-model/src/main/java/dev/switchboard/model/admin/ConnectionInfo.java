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
     * @param lag         the same figure as {@code unsent}, kept under its first name
     * @param presence    the connection's presence state in the room, or null
     * @param unsent      {@link Figures#unsent}: the room's head minus {@code deliveredTo}
     * @param unacked     {@link Figures#unacked}: {@code deliveredTo} minus {@code ackedTo}, or minus
     *                    where the membership started while the device has not acked past it
     */
    public record RoomProgress(String room, long deliveredTo, long ackedTo, long lag, JsonNode presence,
                               long unsent, long unacked) {

        /**
         * The figures from the room's head, each by its one definition; {@code startedFrom} is where the
         * membership started (its earlier events are not owed an ack).
         */
        public static RoomProgress of(String room, long head, long deliveredTo, long ackedTo, long startedFrom,
                                      JsonNode presence) {
            long unsent = Figures.unsent(head, deliveredTo);
            return new RoomProgress(room, deliveredTo, ackedTo, unsent, presence, unsent,
                    Figures.unacked(deliveredTo, Math.max(ackedTo, startedFrom)));
        }
    }
}
