package dev.switchboard.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

import java.time.Instant;
import java.util.Objects;
import dev.switchboard.model.ValidationException;

/**
 * One event of the contract (PROTOCOL.md §3). Immutable by convention: {@code payload} is shared by
 * every frame that carries the event and must never be mutated after construction.
 *
 * @param seq the gateway-wide position in the log; 0 when not known (a client that was only told
 *            the contract fields)
 */
public record Event(String id, String type, long version, Instant occurredAt, String actorId,
                    String resourceId, ObjectNode payload, long seq) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(payload, "payload");
    }

    /** The contract's JSON form; {@code actorId} is left out when absent, {@code seq} when unknown. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("type", type);
        node.put("version", version);
        node.put("occurredAt", Timestamps.format(occurredAt));
        if (actorId != null) {
            node.put("actorId", actorId);
        }
        node.put("resourceId", resourceId);
        node.set("payload", payload);
        if (seq > 0) {
            node.put("seq", seq);
        }
        return node;
    }

    public static Event fromJson(JsonNode node) {
        Fields f = new Fields(node, "event");
        JsonNode payload = node.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new ValidationException("event.payload", "must be a JSON object");
        }
        return new Event(f.requiredText("id"), f.requiredText("type"), f.requiredLong("version"),
                f.requiredInstant("occurredAt"), f.optionalText("actorId"), f.requiredText("resourceId"),
                (ObjectNode) payload, f.optionalLong("seq", 0));
    }
}
