package dev.switchboard.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ValidationException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of a JSON object's fields that fail with a {@link ValidationException} naming the
 * field (prefixed by {@code context}, for nested objects).
 */
public final class Fields {
    private final JsonNode node;
    private final String context;

    public Fields(JsonNode node, String context) {
        if (node == null || !node.isObject()) {
            throw new ValidationException(context, "must be a JSON object");
        }
        this.node = node;
        this.context = context;
    }

    private String name(String field) {
        return context == null || context.isEmpty() ? field : context + "." + field;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    public String requiredText(String field) {
        String v = optionalText(field);
        if (v == null) {
            throw new ValidationException(name(field), "is required");
        }
        return v;
    }

    public String optionalText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ValidationException(name(field), "must be a string");
        }
        return v.textValue();
    }

    public long requiredLong(String field) {
        if (!has(field)) {
            throw new ValidationException(name(field), "is required");
        }
        return optionalLong(field, 0);
    }

    public long optionalLong(String field, long fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ValidationException(name(field), "must be an integer");
        }
        return v.longValue();
    }

    public Long optionalLongOrNull(String field) {
        return has(field) ? optionalLong(field, 0) : null;
    }

    public int requiredInt(String field) {
        long v = requiredLong(field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ValidationException(name(field), "is out of range");
        }
        return (int) v;
    }

    public boolean requiredBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new ValidationException(name(field), "must be true or false");
        }
        return v.booleanValue();
    }

    public Instant requiredInstant(String field) {
        String text = requiredText(field);
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(name(field), "must be an ISO-8601 UTC time");
        }
    }
}
