package dev.switchboard.model.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code GET /admin/users/{id}/timeline}: one user's devices with their connections and joins between
 * {@code from} and {@code to}, and the events of the user's rooms in that window that no device of the
 * user has. Times are ISO-8601.
 */
public record UserTimelineInfo(String userId, String from, String to, List<Device> devices, List<MissedEvent> missed) {
    public UserTimelineInfo {
        devices = devices == null ? List.of() : List.copyOf(devices);
        missed = missed == null ? List.of() : List.copyOf(missed);
    }

    /** A device of the user, its connections oldest first. */
    public record Device(String deviceId, List<Connection> connections) {
        public Device {
            connections = connections == null ? List.of() : List.copyOf(connections);
        }
    }

    /**
     * One connection. {@code appVersion} and {@code remoteIp} are always written, null when the
     * device did not say; {@code disconnectedAt}, {@code closeCode} and {@code closeReason} are null
     * while it is open.
     */
    public record Connection(String connectionId, @JsonInclude(JsonInclude.Include.ALWAYS) String appVersion,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String remoteIp, String node, String connectedAt,
                             String disconnectedAt, Integer closeCode, String closeReason, List<Join> joins) {
        public Connection {
            joins = joins == null ? List.of() : List.copyOf(joins);
        }
    }

    /**
     * One membership of a room.
     *
     * @param headAtJoin the room's head when it joined; null when unknown
     * @param recoveredFrom the cursor it recovered from; null (and {@code replayed} too) without recovery
     * @param leftAt null while in the room
     */
    public record Join(String room, String joinedAt, Long headAtJoin, Long recoveredFrom, Long replayed,
                       boolean snapshotRequired, long deliveredTo, long ackedTo, String leftAt, String leftReason) {
    }

    /** An event no device of the user has, with each device's fate. */
    public record MissedEvent(String eventId, String room, long offset, String committedAt, List<DeviceMiss> devices) {
        public MissedEvent {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }
    }

    /**
     * @param drop why it was not sent, when known
     * @param reason why the device does not have it (as in a trace's device); null when it is not {@code missed}
     */
    public record DeviceMiss(String deviceId, String fate, DeliveryDrop drop, MissReason reason) {
    }
}
