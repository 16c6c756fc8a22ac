package dev.switchboard.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ValidationException;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.room.RoomName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code POST /api/events} body (PROTOCOL.md §3). {@code rooms} keeps the producer's
 * order with duplicates removed; {@code id} and {@code expectedVersion} may be null.
 */
public record PublishRequest(String id, String type, String resourceId, List<String> rooms, String actorId,
                             ObjectNode payload, Long expectedVersion) {
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_RESOURCE_ID_LENGTH = 256;
    public static final int MAX_ACTOR_ID_LENGTH = 128;
    public static final int MAX_ROOMS = 64;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    public PublishRequest {
        rooms = List.copyOf(rooms);
    }

    /** Validates a parsed body; every failure names its field. */
    public static PublishRequest fromJson(JsonNode body) {
        Fields f = new Fields(body, "");
        String id = f.optionalText("id");
        if (id != null) {
            checkToken("id", id, MAX_ID_LENGTH);
        }
        String type = EventType.validate(f.optionalText("type"));
        String resourceId = f.optionalText("resourceId");
        if (resourceId == null) {
            throw new ValidationException("resourceId", "is required");
        }
        checkToken("resourceId", resourceId, MAX_RESOURCE_ID_LENGTH);
        String actorId = f.optionalText("actorId");
        if (actorId != null) {
            checkToken("actorId", actorId, MAX_ACTOR_ID_LENGTH);
        }
        List<String> rooms = rooms(f.raw("rooms"));
        JsonNode payload = f.raw("payload");
        if (payload == null || payload.isNull()) {
            throw new ValidationException("payload", "is required");
        }
        if (!payload.isObject()) {
            throw new ValidationException("payload", "must be a JSON object");
        }
        Long expectedVersion = f.optionalLongOrNull("expectedVersion");
        if (expectedVersion != null && expectedVersion < 0) {
            throw new ValidationException("expectedVersion", "must be 0 or more");
        }
        return new PublishRequest(id, type, resourceId, rooms, actorId, (ObjectNode) payload, expectedVersion);
    }

    private static List<String> rooms(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new ValidationException("rooms", "is required");
        }
        if (!node.isArray()) {
            throw new ValidationException("rooms", "must be an array of room names");
        }
        if (node.isEmpty()) {
            throw new ValidationException("rooms", "needs at least one room");
        }
        Set<String> rooms = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String field = "rooms[" + i + "]";
            if (!r.isTextual()) {
                throw new ValidationException(field, "must be a string");
            }
            rooms.add(RoomName.parse(r.textValue(), field).toString());
        }
        if (rooms.size() > MAX_ROOMS) {
            throw new ValidationException("rooms", "at most " + MAX_ROOMS + " rooms per event");
        }
        return new ArrayList<>(rooms);
    }

    private static void checkToken(String field, String value, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw new ValidationException(field, "must be 1 to " + max + " characters");
        }
        if (!PRINTABLE.matcher(value).matches()) {
            throw new ValidationException(field, "must be printable ASCII without spaces");
        }
    }

    /**
     * SHA-256 over what decides "same content" for a repeated id: type, resourceId, the set of rooms,
     * actorId and the payload with its keys in canonical order.
     */
    public String contentHash() {
        ObjectNode canon = Json.object();
        canon.put("type", type);
        canon.put("resourceId", resourceId);
        canon.set("rooms", Json.MAPPER.valueToTree(rooms.stream().sorted().toList()));
        if (actorId != null) {
            canon.put("actorId", actorId);
        }
        canon.set("payload", Json.canonical(payload));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(canon).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
