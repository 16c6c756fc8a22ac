package dev.switchboard.console.rooms;

import dev.switchboard.model.admin.RoomList;

import java.util.ArrayList;
import java.util.List;

/** One room as GET /admin/rooms and the stream's snapshot list it. Immutable; parsed off the UI thread. */
record RoomSummary(String room, int connections, int users, long head) {

    static List<RoomSummary> listFrom(List<RoomList.RoomSummary> rooms) {
        List<RoomSummary> out = new ArrayList<>(rooms.size());
        for (RoomList.RoomSummary r : rooms) {
            out.add(new RoomSummary(r.room(), (int) r.connections(), (int) r.users(), r.head()));
        }
        return out;
    }
}
