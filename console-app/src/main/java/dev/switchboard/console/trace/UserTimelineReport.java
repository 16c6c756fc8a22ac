package dev.switchboard.console.trace;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway answered to {@code GET /admin/users/{id}/timeline}: the user's devices with their
 * connections and joins between {@code from} and {@code to}, and the events of the user's rooms in
 * that window that no device of the user has. Immutable; the nested records are its parts.
 */
public record UserTimelineReport(String userId, Instant from, Instant to, List<Device> devices, List<MissedEvent> missed) {
    public UserTimelineReport {
        devices = List.copyOf(devices);
        missed = List.copyOf(missed);
    }

    public int connectionCount() {
        return devices.stream().mapToInt(d -> d.connections().size()).sum();
    }

    /** A device of the user, its connections oldest first. */
    public record Device(String deviceId, List<Connection> connections) {
        public Device {
            connections = List.copyOf(connections);
        }

        /** When it first connected in the window, or null. */
        public Instant firstSeen() {
            return connections.isEmpty() ? null : connections.get(0).connectedAt();
        }
    }

    /** One connection; {@code disconnectedAt}, {@code closeCode} and {@code closeReason} are null while it is open. */
    public record Connection(String connectionId, String appVersion, String remoteIp, String node, Instant connectedAt,
                             Instant disconnectedAt, Integer closeCode, String closeReason, List<Join> joins) {
        public Connection {
            joins = List.copyOf(joins);
        }
    }

    /**
     * One membership of a room: joined at which head ({@code headAtJoin} null when unknown), recovered
     * from which offset ({@code recoveredFrom}/{@code replayed} null without recovery), how far it was
     * delivered and acknowledged, and when and why it left (null while in the room).
     */
    public record Join(String room, Instant joinedAt, Long headAtJoin, Long recoveredFrom, Long replayed,
                       boolean snapshotRequired, long deliveredTo, long ackedTo, Instant leftAt, String leftReason) {
    }

    /** An event no device of the user has, with each device's fate. */
    public record MissedEvent(String eventId, String room, long offset, Instant committedAt, List<DeviceMiss> devices) {
        public MissedEvent {
            devices = List.copyOf(devices);
        }

        public boolean injected() {
            return devices.stream().anyMatch(DeviceMiss::injected);
        }

        /** {@code phone: missed (injected_drop) [injected (QA)]; laptop: missed} */
        public String fatesText() {
            StringBuilder b = new StringBuilder();
            for (DeviceMiss d : devices) {
                b.append(b.length() == 0 ? "" : "; ").append(d.deviceId()).append(": ").append(d.mark().plain());
            }
            return b.toString();
        }
    }

    /**
     * One device's fate for a missed event; {@code dropReason}/{@code dropAt} null when the gateway gives none,
     * {@code reason} (why it missed it) null when the gateway does not say.
     */
    public record DeviceMiss(String deviceId, String fate, String dropReason, boolean injected, Instant dropAt,
                             VerdictReason reason) {
        public FateMark mark() {
            return FateMark.of(fate, null, dropReason, injected);
        }
    }
}
