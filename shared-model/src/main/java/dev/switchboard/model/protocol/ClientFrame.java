package dev.switchboard.model.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Frames a client sends (PROTOCOL.md §4). {@code ref} is kept as the JSON value the client sent
 * (string or number) so the answer echoes it exactly.
 */
public sealed interface ClientFrame {
    String op();

    /** The position a client resumes from: the last offset it applied in that epoch. */
    record After(String epoch, long offset) {
    }

    record Join(JsonNode ref, String room, After after) implements ClientFrame {
        public String op() {
            return "join";
        }
    }

    record Leave(JsonNode ref, String room) implements ClientFrame {
        public String op() {
            return "leave";
        }
    }

    record Ack(String room, long offset) implements ClientFrame {
        public String op() {
            return "ack";
        }
    }

    record PresenceUpdate(String room, ObjectNode state) implements ClientFrame {
        public String op() {
            return "presence";
        }
    }

    record Ping(JsonNode ref) implements ClientFrame {
        public String op() {
            return "ping";
        }
    }
}
