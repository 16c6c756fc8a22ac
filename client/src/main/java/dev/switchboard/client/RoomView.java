package dev.switchboard.client;

import java.util.Map;

/**
 * A read-only copy of one room as the client holds it.
 *
 * @param offset    the last offset applied in {@code epoch}
 * @param resources every resource of the room the client holds, by id
 * @param syncing   a recovery (replay, HTTP pages or snapshot) is in progress
 */
public record RoomView(String room, String epoch, long offset, Map<String, ResourceState> resources, boolean syncing) {
}
