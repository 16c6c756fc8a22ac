package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A resource as this client holds it: the version it applied last and that event's payload. */
public record ResourceState(String resourceId, long version, JsonNode state) {
}
