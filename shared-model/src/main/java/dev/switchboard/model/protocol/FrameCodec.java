package dev.switchboard.model.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ValidationException;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.event.Fields;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.room.RoomName;

import java.nio.charset.StandardCharsets;

/**
 * JSON codec for both directions of the WebSocket protocol. Decoding never throws anything but
 * {@link FrameDecodeException}, whose message says precisely what was wrong, so the gateway can
 * answer a bad frame with an {@code error} frame and keep the connection.
 */
public final class FrameCodec {
    /** Largest serialized presence state (PROTOCOL.md §4). */
    public static final int MAX_PRESENCE_STATE_BYTES = 1024;
    public static final int PROTOCOL_VERSION = 1;

    private FrameCodec() {
    }

    // ---- client frames -------------------------------------------------------------------------

    public static ClientFrame decodeClient(String text) throws FrameDecodeException {
        ObjectNode node = parseObject(text);
        JsonNode ref = ref(node);
        String op = op(node, ref);
        try {
            Fields f = new Fields(node, op);
            return switch (op) {
                case "join" -> new ClientFrame.Join(ref, room(f), after(f));
                case "leave" -> new ClientFrame.Leave(ref, room(f));
                case "ack" -> new ClientFrame.Ack(room(f), nonNegative(f, "offset"));
                case "presence" -> new ClientFrame.PresenceUpdate(room(f), presenceState(f, ref));
                case "ping" -> new ClientFrame.Ping(ref);
                default -> throw new FrameDecodeException(ErrorCode.UNKNOWN_OP, ref,
                        "unknown op \"" + op + "\"; expected join, leave, ack, presence or ping");
            };
        } catch (ValidationException e) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, ref, e.getMessage());
        }
    }

    public static String encode(ClientFrame frame) {
        ObjectNode n = Json.object();
        n.put("op", frame.op());
        if (frame instanceof ClientFrame.Join j) {
            n.set("ref", j.ref());
            n.put("room", j.room());
            if (j.after() != null) {
                ObjectNode after = n.putObject("after");
                after.put("epoch", j.after().epoch());
                after.put("offset", j.after().offset());
            }
        } else if (frame instanceof ClientFrame.Leave l) {
            n.set("ref", l.ref());
            n.put("room", l.room());
        } else if (frame instanceof ClientFrame.Ack a) {
            n.put("room", a.room());
            n.put("offset", a.offset());
        } else if (frame instanceof ClientFrame.PresenceUpdate p) {
            n.put("room", p.room());
            n.set("state", p.state());
        } else if (frame instanceof ClientFrame.Ping p) {
            n.set("ref", p.ref());
        }
        return Json.write(n);
    }

    // ---- server frames -------------------------------------------------------------------------

    public static String encode(ServerFrame frame) {
        return Json.write(toJson(frame));
    }

    public static ObjectNode toJson(ServerFrame frame) {
        ObjectNode n = Json.object();
        n.put("op", frame.op());
        if (frame instanceof ServerFrame.Welcome w) {
            n.put("connectionId", w.connectionId());
            n.put("userId", w.userId());
            n.put("deviceId", w.deviceId());
            n.put("node", w.node());
            n.put("heartbeatMs", w.heartbeatMs());
            n.put("protocol", w.protocol());
        } else if (frame instanceof ServerFrame.Joined j) {
            n.set("ref", j.ref());
            n.put("room", j.room());
            n.put("epoch", j.epoch());
            n.put("offset", j.offset());
            n.put("recovered", j.recovered());
            n.put("replayed", j.replayed());
            n.put("snapshotRequired", j.snapshotRequired());
        } else if (frame instanceof ServerFrame.EventFrame e) {
            n.put("room", e.room());
            n.put("offset", e.offset());
            n.put("epoch", e.epoch());
            n.set("event", e.event().toJson());
        } else if (frame instanceof ServerFrame.Left l) {
            n.set("ref", l.ref());
            n.put("room", l.room());
        } else if (frame instanceof ServerFrame.Presence p) {
            n.put("room", p.room());
            n.put("userId", p.userId());
            n.put("deviceId", p.deviceId());
            n.put("connectionId", p.connectionId());
            n.put("action", p.action());
            n.set("state", p.state());
        } else if (frame instanceof ServerFrame.Revoked r) {
            n.put("room", r.room());
            n.put("reason", r.reason());
        } else if (frame instanceof ServerFrame.Draining d) {
            n.put("reconnectInMs", d.reconnectInMs());
            n.put("reason", d.reason());
        } else if (frame instanceof ServerFrame.Error e) {
            n.set("ref", e.ref());
            n.put("code", e.code());
            n.put("message", e.message());
        } else if (frame instanceof ServerFrame.Pong p) {
            n.set("ref", p.ref());
        }
        return n;
    }

    /** For clients: decodes what the gateway sent. Unknown fields are ignored (the contract is additive). */
    public static ServerFrame decodeServer(String text) throws FrameDecodeException {
        ObjectNode node = parseObject(text);
        JsonNode ref = ref(node);
        String op = op(node, ref);
        try {
            Fields f = new Fields(node, op);
            return switch (op) {
                case "welcome" -> new ServerFrame.Welcome(f.requiredText("connectionId"), f.requiredText("userId"),
                        f.requiredText("deviceId"), f.requiredText("node"), f.requiredLong("heartbeatMs"),
                        f.requiredInt("protocol"));
                case "joined" -> new ServerFrame.Joined(ref, f.requiredText("room"), f.requiredText("epoch"),
                        f.requiredLong("offset"), f.requiredBoolean("recovered"), f.requiredLong("replayed"),
                        f.requiredBoolean("snapshotRequired"));
                case "event" -> new ServerFrame.EventFrame(f.requiredText("room"), f.requiredLong("offset"),
                        f.requiredText("epoch"), Event.fromJson(node.get("event")));
                case "left" -> new ServerFrame.Left(ref, f.requiredText("room"));
                case "presence" -> new ServerFrame.Presence(f.requiredText("room"), f.requiredText("userId"),
                        f.requiredText("deviceId"), f.requiredText("connectionId"), f.requiredText("action"),
                        nullIfJsonNull(node.get("state")));
                case "revoked" -> new ServerFrame.Revoked(f.requiredText("room"), f.optionalText("reason"));
                case "draining" -> new ServerFrame.Draining(f.requiredLong("reconnectInMs"), f.optionalText("reason"));
                case "error" -> new ServerFrame.Error(ref, f.requiredText("code"), f.optionalText("message"));
                case "pong" -> new ServerFrame.Pong(ref);
                default -> throw new FrameDecodeException(ErrorCode.UNKNOWN_OP, ref, "unknown op \"" + op + "\"");
            };
        } catch (ValidationException e) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, ref, e.getMessage());
        }
    }

    // ---- shared pieces -------------------------------------------------------------------------

    private static ObjectNode parseObject(String text) throws FrameDecodeException {
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, null,
                    "frame is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, null, "frame must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static JsonNode ref(ObjectNode node) throws FrameDecodeException {
        JsonNode ref = node.get("ref");
        if (ref == null || ref.isNull()) {
            return null;
        }
        if (!ref.isTextual() && !ref.isNumber()) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, null, "ref must be a string or a number");
        }
        if (Json.nonFiniteNumberPath(ref, "ref") != null) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, null, "ref is a number out of range");
        }
        if (ref.isTextual() && ref.textValue().length() > 128) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, null, "ref must be at most 128 characters");
        }
        return ref;
    }

    private static String op(ObjectNode node, JsonNode ref) throws FrameDecodeException {
        JsonNode op = node.get("op");
        if (op == null || op.isNull()) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, ref, "op is required");
        }
        if (!op.isTextual()) {
            throw new FrameDecodeException(ErrorCode.BAD_REQUEST, ref, "op must be a string");
        }
        return op.textValue();
    }

    private static String room(Fields f) {
        return RoomName.parse(f.optionalText("room"), "room").toString();
    }

    private static long nonNegative(Fields f, String field) {
        long v = f.requiredLong(field);
        if (v < 0) {
            throw new ValidationException(field, "must be 0 or more");
        }
        return v;
    }

    private static ClientFrame.After after(Fields f) {
        JsonNode after = f.raw("after");
        if (after == null || after.isNull()) {
            return null;
        }
        Fields a = new Fields(after, "after");
        String epoch = a.requiredText("epoch");
        long offset = nonNegative(a, "offset");
        return new ClientFrame.After(epoch, offset);
    }

    private static ObjectNode presenceState(Fields f, JsonNode ref) throws FrameDecodeException {
        JsonNode state = f.raw("state");
        if (state == null || !state.isObject()) {
            throw new ValidationException("presence.state", "must be a JSON object");
        }
        String nonFinite = Json.nonFiniteNumberPath(state, "state");
        if (nonFinite != null) {
            throw new ValidationException(nonFinite, "is a number out of range (JSON numbers must be finite doubles)");
        }
        int size = Json.write(state).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PRESENCE_STATE_BYTES) {
            throw new FrameDecodeException(ErrorCode.TOO_LARGE, ref,
                    "presence state is " + size + " bytes; at most " + MAX_PRESENCE_STATE_BYTES);
        }
        return (ObjectNode) state;
    }

    private static JsonNode nullIfJsonNull(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }
}
