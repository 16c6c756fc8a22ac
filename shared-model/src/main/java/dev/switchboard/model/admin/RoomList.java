package dev.switchboard.model.admin;

import java.util.List;

/** {@code GET /admin/rooms}: rooms with at least one connection on the node, busiest first. */
public record RoomList(List<RoomSummary> rooms) {
    public RoomList {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }

    /** @param head the room's last offset in the event log (not only what this node has fanned out) */
    public record RoomSummary(String room, long connections, long users, long head) {
    }
}
