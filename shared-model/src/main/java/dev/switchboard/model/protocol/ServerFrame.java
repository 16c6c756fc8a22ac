package dev.switchboard.model.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.event.Event;

/** Frames the gateway sends (PROTOCOL.md §4). */
public sealed interface ServerFrame {
    String op();

    record Welcome(String connectionId, String userId, String deviceId, String node, long heartbeatMs,
                   int protocol) implements ServerFrame {
        public String op() {
            return "welcome";
        }
    }

    record Joined(JsonNode ref, String room, String epoch, long offset, boolean recovered, long replayed,
                  boolean snapshotRequired) implements ServerFrame {
        public String op() {
            return "joined";
        }
    }

    record EventFrame(String room, long offset, String epoch, Event event) implements ServerFrame {
        public String op() {
            return "event";
        }
    }

    record Left(JsonNode ref, String room) implements ServerFrame {
        public String op() {
            return "left";
        }
    }

    /** {@code action} is {@code join}, {@code leave} or {@code update}; {@code state} may be null. */
    record Presence(String room, String userId, String deviceId, String connectionId, String action,
                    JsonNode state) implements ServerFrame {
        public String op() {
            return "presence";
        }
    }

    record Revoked(String room, String reason) implements ServerFrame {
        public String op() {
            return "revoked";
        }
    }

    record Draining(long reconnectInMs, String reason) implements ServerFrame {
        public String op() {
            return "draining";
        }
    }

    record Error(JsonNode ref, String code, String message) implements ServerFrame {
        public String op() {
            return "error";
        }
    }

    record Pong(JsonNode ref) implements ServerFrame {
        public String op() {
            return "pong";
        }
    }
}
