package dev.switchboard.model.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code GET /admin/rooms/{room}/members}: a room's connections grouped by user, then device.
 *
 * @param head the room's last offset, the same as in {@link RoomList.RoomSummary#head}
 */
public record RoomMembers(String room, long head, List<User> users) {
    public RoomMembers {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(String userId, List<Device> devices) {
        public User {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }
    }

    public record Device(String deviceId, List<Member> connections) {
        public Device {
            connections = connections == null ? List.of() : List.copyOf(connections);
        }
    }

    /**
     * One connection in the room; its figures are defined as in {@link ConnectionInfo.RoomProgress}.
     *
     * @param lag      the same figure as {@code unsent}, kept under its first name
     * @param presence the connection's presence state, or null
     * @param node     the node holding the connection (a cluster's list has every node's members)
     */
    public record Member(String connectionId, String appVersion, long deliveredTo, long ackedTo, long lag,
                         JsonNode presence, long unsent, long unacked, String node) {

        /** A member whose node is not named (an answer from before the field existed). */
        public Member(String connectionId, String appVersion, long deliveredTo, long ackedTo, long lag,
                      JsonNode presence, long unsent, long unacked) {
            this(connectionId, appVersion, deliveredTo, ackedTo, lag, presence, unsent, unacked, null);
        }

        public static Member of(String connectionId, String appVersion, ConnectionInfo.RoomProgress p, String node) {
            return new Member(connectionId, appVersion, p.deliveredTo(), p.ackedTo(), p.lag(), p.presence(),
                    p.unsent(), p.unacked(), node);
        }
    }
}
