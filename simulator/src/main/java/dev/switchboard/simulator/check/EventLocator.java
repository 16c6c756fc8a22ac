package dev.switchboard.simulator.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the server's event behind a version of a resource in a room (its id and offset), by paging
 * through the room's history once per room. Only used to name events in failure reports.
 */
public final class EventLocator {
    /** One page of a room's events after an offset: {@code GET /api/rooms/{room}/events?after=}. */
    public interface Pages {
        JsonNode events(String room, long after) throws IOException;
    }

    /** An event found: its id and offset. */
    public record Found(String eventId, long offset) {
    }

    private static final int MAX_PAGES = 200;

    private final Pages pages;
    private final Map<String, Map<String, Found>> byRoom = new HashMap<>();

    public EventLocator(Pages pages) {
        this.pages = pages;
    }

    /** The event that set {@code resourceId} to {@code version} in {@code room}, or null. */
    public Found find(String room, String resourceId, long version) {
        Map<String, Found> index = byRoom.computeIfAbsent(room, this::index);
        return index.get(resourceId + "@" + version);
    }

    private Map<String, Found> index(String room) {
        Map<String, Found> index = new HashMap<>();
        long after = 0;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                JsonNode body = pages.events(room, after);
                for (JsonNode e : body.path("events")) {
                    JsonNode ev = e.path("event");
                    index.put(ev.path("resourceId").asText() + "@" + ev.path("version").asLong(),
                            new Found(ev.path("id").asText(), e.path("offset").asLong()));
                }
                after = body.path("nextOffset").asLong(after);
                if (!body.path("hasMore").asBoolean()) {
                    break;
                }
            }
        } catch (IOException e) {
            // names are a courtesy: the failure is reported without them
        }
        return index;
    }
}
