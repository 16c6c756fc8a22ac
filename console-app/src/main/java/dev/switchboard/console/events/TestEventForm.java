package dev.switchboard.console.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Publish test event" form: what the user typed, the inline error or result, and the check
 * that turns it into a {@code POST /api/events} body. A form that does not pass is never sent: the
 * error says which field is wrong (payload JSON that does not parse, or is not an object, rooms
 * missing).
 *
 * <p>Threads: the properties belong to the UI thread.
 */
public final class TestEventForm {
    public static final String DEFAULT_TYPE = "console.test";
    public static final String DEFAULT_RESOURCE = "console-test";

    // ---- properties ------------------------------------------------------------------------------
    private final BooleanProperty open = new SimpleBooleanProperty();
    private final StringProperty rooms = new SimpleStringProperty("");
    private final StringProperty type = new SimpleStringProperty(DEFAULT_TYPE);
    private final StringProperty resource = new SimpleStringProperty(DEFAULT_RESOURCE);
    private final StringProperty payload = new SimpleStringProperty("{\n  \"note\": \"sent from the console\"\n}");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty sending = new SimpleBooleanProperty();

    /** Whether the form is shown. */
    public BooleanProperty openProperty() {
        return open;
    }

    /** Room names separated by commas or spaces, e.g. {@code document:7, user:alice}. */
    public StringProperty roomsProperty() {
        return rooms;
    }

    public StringProperty typeProperty() {
        return type;
    }

    public StringProperty resourceProperty() {
        return resource;
    }

    /** The payload as JSON text: must be an object. */
    public StringProperty payloadProperty() {
        return payload;
    }

    /** Why the form cannot be sent, or why the gateway refused it; "" when fine. */
    public StringProperty errorProperty() {
        return error;
    }

    /** What the last publish got: the new id and offsets. */
    public StringProperty resultProperty() {
        return result;
    }

    public BooleanProperty sendingProperty() {
        return sending;
    }

    // ---- checking --------------------------------------------------------------------------------

    /** The request body, or null with {@link #errorProperty()} saying what to fix. */
    ObjectNode request() {
        String[] names = rooms.get() == null ? new String[0] : rooms.get().trim().split("[,\\s]+");
        if (names.length == 0 || names[0].isEmpty()) {
            return refuse("Rooms: name at least one room, e.g. document:7");
        }
        if (blank(type.get())) {
            return refuse("Type: required, e.g. " + DEFAULT_TYPE);
        }
        if (blank(resource.get())) {
            return refuse("Resource id: required");
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(payload.get() == null ? "" : payload.get());
        } catch (JsonProcessingException e) {
            return refuse("Payload is not valid JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            return refuse("Payload must be a JSON object, e.g. {\"note\": \"hello\"}");
        }
        ObjectNode body = Json.object();
        body.put("type", type.get().trim());
        body.put("resourceId", resource.get().trim());
        ArrayNode roomList = body.putArray("rooms");
        for (String name : names) {
            roomList.add(name);
        }
        body.set("payload", parsed);
        error.set("");
        return body;
    }

    private ObjectNode refuse(String why) {
        error.set(why);
        result.set("");
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
