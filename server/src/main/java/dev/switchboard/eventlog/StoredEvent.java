package dev.switchboard.eventlog;

import dev.switchboard.model.event.Event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An event as the log holds it: the contract fields plus its place in every room it went to. */
public record StoredEvent(Event event, List<RoomPosition> rooms) {
    public StoredEvent {
        rooms = List.copyOf(rooms);
    }

    /** {@code {room: offset}} in the producer's room order, as the publish answer carries it. */
    public Map<String, Long> offsets() {
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (RoomPosition p : rooms) {
            offsets.put(p.room(), p.offset());
        }
        return offsets;
    }
}
