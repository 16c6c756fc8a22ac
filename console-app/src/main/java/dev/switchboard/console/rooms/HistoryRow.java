package dev.switchboard.console.rooms;

import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.EventList;

/** One event of a room's history: its offset in the room, when it was committed, what and by whom. Immutable. */
public record HistoryRow(long offset, String time, String type, String resourceId, String actor, String eventId) {

    static HistoryRow of(EventList.EventSummary e, String room) {
        Long offset = e.offsets() == null ? null : e.offsets().get(room);
        return new HistoryRow(offset == null ? -1 : offset, Format.dateTime(e.committedAt()), text(e.type()),
                text(e.resourceId()), text(e.actorId()), e.eventId());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
