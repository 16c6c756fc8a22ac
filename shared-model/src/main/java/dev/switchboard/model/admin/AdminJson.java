package dev.switchboard.model.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Encodes and decodes the admin records. Separate from {@code Json.MAPPER}: admin answers leave out
 * absent fields and tolerate unknown ones (the admin API only grows, docs/admin-api.md), while the
 * client protocol's mapper is strict on purpose.
 */
public final class AdminJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private AdminJson() {
    }

    public static <T> T read(String text, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(text, type);
    }

    public static <T> T read(JsonNode tree, Class<T> type) throws JsonProcessingException {
        return MAPPER.treeToValue(tree, type);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an admin record could not be encoded", e);
        }
    }

    /** The record as a JSON tree, for answers that add to it or routes that take trees. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
