package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;

/** One resource of a room snapshot: the version and payload of its latest event in that room. */
public record SnapshotResource(String resourceId, long version, JsonNode state) {
}
