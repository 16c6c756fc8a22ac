package dev.switchboard.model.admin;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/events}: a page of a search of the event log, newest first.
 *
 * @param next       pass as {@code before} for the next, older page; null when the search reached the
 *                   start of the log (or of the asked range)
 * @param searchedTo the oldest position (room offset with a room, else sequence) the gateway looked at
 *                   for this page; a page with fewer events than asked and a {@code next} stopped at its
 *                   scan bound, not at the end
 * @param by         what positions are: {@code "offset"} (a room's) or {@code "seq"} (the log's)
 */
public record EventList(List<EventSummary> events, Long next, Long searchedTo, String by) {
    public EventList {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A list without paging (older gateways, tests). */
    public EventList(List<EventSummary> events) {
        this(events, null, null, null);
    }

    /**
     * @param offsets the event's offset in each of its rooms
     * @param actorId who caused it, as the publisher said (null when it did not)
     */
    public record EventSummary(String eventId, long seq, String type, String resourceId, long version,
                               String committedAt, Map<String, Long> offsets, String actorId) {
        public EventSummary(String eventId, long seq, String type, String resourceId, long version,
                            String committedAt, Map<String, Long> offsets) {
            this(eventId, seq, type, resourceId, version, committedAt, offsets, null);
        }
    }
}
