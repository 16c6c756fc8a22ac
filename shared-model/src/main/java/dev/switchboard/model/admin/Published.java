package dev.switchboard.model.admin;

import java.util.Map;

/**
 * The answer to {@code POST /api/events}: 201 once the event is durable, 200 with the first
 * publish's answer for a repeat of the same event id.
 *
 * @param occurredAt ISO-8601
 * @param offsets the event's offset in each of its rooms
 */
public record Published(String id, long seq, long version, String occurredAt, Map<String, Long> offsets) {
    public Published {
        offsets = offsets == null ? Map.of() : offsets;
    }
}
