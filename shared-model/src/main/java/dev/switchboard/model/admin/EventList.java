package dev.switchboard.model.admin;

import java.util.List;
import java.util.Map;

/** {@code GET /admin/events}: recent events from the log, newest first. */
public record EventList(List<EventSummary> events) {
    public EventList {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** @param offsets the event's offset in each of its rooms */
    public record EventSummary(String eventId, long seq, String type, String resourceId, long version,
                               String committedAt, Map<String, Long> offsets) {
    }
}
