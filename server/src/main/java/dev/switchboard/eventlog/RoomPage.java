package dev.switchboard.eventlog;

import dev.switchboard.model.event.Event;

import java.util.List;

/** One page of a room's stream for recovery over HTTP (PROTOCOL.md §3). */
public record RoomPage(String room, String epoch, long head, List<Entry> events, long nextOffset, boolean hasMore,
                       boolean snapshotRequired) {
    public record Entry(long offset, Event event) {
    }
}
