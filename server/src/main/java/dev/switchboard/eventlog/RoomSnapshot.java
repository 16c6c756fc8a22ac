package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Each resource's latest state in a room, consistent with the room's head {@code offset}. */
public record RoomSnapshot(String room, String epoch, long offset, List<ResourceState> resources) {
    public record ResourceState(String resourceId, long version, JsonNode state) {
    }
}
