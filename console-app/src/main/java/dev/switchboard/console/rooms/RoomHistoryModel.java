package dev.switchboard.console.rooms;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.EventList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Rooms page's History tab: the selected room's events from the gateway's log
 * ({@code GET /admin/events?room=}), newest first, {@value #PAGE} at a time with Older for the next
 * page; read again when the room's head moves past what is shown. Trace opens an event's trace.
 *
 * <p>Threads: properties change on {@code ctx.ui()} only.
 */
public final class RoomHistoryModel {
    static final int PAGE = 50;

    private final ConsoleContext ctx;
    private String room;
    private Long next;
    private long newest = -1;
    private boolean reading;

    // ---- properties ----------------------------------------------------------------------------
    private final ObservableList<HistoryRow> events = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyBooleanWrapper older = new ReadOnlyBooleanWrapper(this, "older");

    RoomHistoryModel(ConsoleContext ctx) {
        this.ctx = ctx;
    }

    /** The events read so far, newest first. */
    public ObservableList<HistoryRow> events() {
        return events;
    }

    /** {@code 50 events, newest first · older ones to read}, why nothing is shown, or why the read failed. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The log holds older events of the room than those shown. */
    public ReadOnlyBooleanProperty olderProperty() {
        return older.getReadOnlyProperty();
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Reads the next, older page. */
    public void readOlder() {
        if (room != null && next != null) {
            read(room, next);
        }
    }

    /** Shows {@code row}'s trace on the Trace page. */
    public void trace(HistoryRow row) {
        ctx.navigator().show("trace", row.eventId());
    }

    // ---- applying ------------------------------------------------------------------------------

    /** Another room is selected: its newest events replace the last room's. */
    void select(String room) {
        this.room = room;
        events.clear();
        next = null;
        newest = -1;
        older.set(false);
        note.set(room == null ? "" : "Reading the events of " + room + "…");
        if (room != null) {
            read(room, null);
        }
    }

    /** The room's head as last read: newer events than those shown are read. */
    void headMoved(String room, long head) {
        if (room.equals(this.room) && head > newest && !reading) {
            read(room, null);
        }
    }

    private void read(String room, Long before) {
        reading = true;
        Map<String, String> query = new HashMap<>();
        query.put("room", room);
        query.put("limit", Integer.toString(PAGE));
        if (before != null) {
            query.put("before", Long.toString(before));
        }
        ctx.api().events(query).whenComplete((page, failure) -> ctx.ui().run(() -> {
            if (!room.equals(this.room)) {
                return;
            }
            reading = false;
            if (failure != null) {
                note.set("Could not read the events of " + room + ": " + AdminCallException.of(failure).describe());
                return;
            }
            apply(page, before == null);
        }));
    }

    private void apply(EventList page, boolean first) {
        List<HistoryRow> rows = page.events().stream().map(e -> HistoryRow.of(e, room)).toList();
        if (first) {
            events.setAll(rows);
            newest = rows.isEmpty() ? 0 : rows.get(0).offset();
            // older pages the operator read are dropped with a refresh: the newest page is what changes
        } else {
            events.addAll(rows);
        }
        next = page.next();
        older.set(next != null);
        if (events.isEmpty()) {
            note.set(next == null ? "No event was published to " + room + "."
                    : "No event found down to offset " + Format.count(page.searchedTo() == null ? 0 : page.searchedTo())
                    + "; Older searches further back.");
            return;
        }
        String shown = Format.count(events.size()) + (events.size() == 1 ? " event" : " events") + ", newest first";
        note.set(next == null ? shown + " · the room's whole history" : shown + " · Older reads the next "
                + PAGE + " back");
    }
}
