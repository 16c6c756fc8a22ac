package dev.switchboard.console.events;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Events page's bounded buffer: at most {@code bound} rows, the oldest falling out (counted as
 * dropped), and the list the table shows, in display order (newest first or last). While frozen (the
 * user paused, or the page is hidden) rows keep coming into the buffer but the shown list stays as it
 * is; unfreezing shows the buffer. A batch changes the shown list with at most one removal and one
 * insertion, never row by row.
 *
 * <p>It also remembers which event sits at each room offset it holds, so a delivery failure names
 * the event it failed to deliver (events reach the stream before their failures).
 *
 * <p>Threads: owned by the UI thread, like the view model that holds it.
 */
final class EventBuffer {
    private final ArrayDeque<EventRow> kept = new ArrayDeque<>(); // oldest first
    private final ObservableList<EventRow> shown = FXCollections.observableArrayList();
    private final Map<String, String> eventAtOffset = new HashMap<>();
    private int bound;
    private boolean frozen;
    private boolean newestFirst = true;
    private long dropped;
    private int unseen;
    private long lastSeq;
    private long floorSeq; // events at or below this were cleared by the user

    EventBuffer(int bound) {
        this.bound = Math.max(1, bound);
    }

    /** The rows the table shows, in display order. */
    ObservableList<EventRow> shown() {
        return shown;
    }

    int kept() {
        return kept.size();
    }

    /** Rows that fell out of the buffer (or never got in) since it was last cleared. */
    long dropped() {
        return dropped;
    }

    /** Rows that came while frozen and are not shown yet (at most the bound). */
    int unseen() {
        return unseen;
    }

    boolean newestFirst() {
        return newestFirst;
    }

    /** Counts rows lost before they reached the buffer (the UI fell behind). */
    void countDropped(long n) {
        dropped += n;
    }

    /** New rows from the stream, oldest first. */
    void add(List<EventRow> batch) {
        List<EventRow> incoming = new ArrayList<>(batch.size());
        for (EventRow row : batch) {
            if (!row.failure() && row.seq() <= floorSeq) {
                continue; // seen (e.g. in the history read) and cleared before the stream's copy arrived
            }
            EventRow named = named(row);
            remember(named);
            incoming.add(named);
        }
        if (incoming.size() > bound) {
            int excess = incoming.size() - bound;
            incoming.subList(0, excess).forEach(this::forget);
            incoming = incoming.subList(excess, incoming.size());
            dropped += excess;
        }
        int overflow = Math.max(0, kept.size() + incoming.size() - bound);
        trimOldest(overflow);
        kept.addAll(incoming);
        if (frozen) {
            unseen = Math.min(bound, unseen + incoming.size());
            return;
        }
        removeOldestShown(overflow);
        if (newestFirst) {
            List<EventRow> reversed = new ArrayList<>(incoming);
            Collections.reverse(reversed);
            shown.addAll(0, reversed);
        } else {
            shown.addAll(incoming);
        }
    }

    /**
     * Recent events from the log, newest first ({@code GET /admin/events}): those older than every
     * event already here go in at the old end, as far as the bound allows. Returns how many went in.
     */
    int addHistory(List<EventRow> newestFirstHistory) {
        long oldestSeq = Long.MAX_VALUE;
        for (EventRow row : kept) {
            if (!row.failure()) {
                oldestSeq = row.seq();
                break;
            }
        }
        List<EventRow> older = new ArrayList<>(); // newest first, like the answer
        int room = bound - kept.size();
        for (EventRow row : newestFirstHistory) {
            if (older.size() >= room) {
                break;
            }
            if (row.seq() < oldestSeq && row.seq() > floorSeq) {
                older.add(row);
            }
        }
        for (EventRow row : older) {
            kept.addFirst(row);
            remember(row);
        }
        if (frozen) {
            unseen = Math.min(bound, unseen + older.size());
        } else if (newestFirst) {
            shown.addAll(older);
        } else {
            List<EventRow> oldestFirst = new ArrayList<>(older);
            Collections.reverse(oldestFirst);
            shown.addAll(0, oldestFirst);
        }
        return older.size();
    }

    void freeze(boolean on) {
        if (frozen == on) {
            return;
        }
        frozen = on;
        if (!on) {
            shown.setAll(displayOrder());
            unseen = 0;
        }
    }

    void newestFirst(boolean on) {
        if (newestFirst == on) {
            return;
        }
        newestFirst = on;
        List<EventRow> reversed = new ArrayList<>(shown);
        Collections.reverse(reversed);
        shown.setAll(reversed);
    }

    void bound(int rows) {
        bound = Math.max(1, rows);
        int overflow = Math.max(0, kept.size() - bound);
        trimOldest(overflow);
        unseen = Math.min(unseen, bound);
        if (!frozen) {
            removeOldestShown(Math.min(overflow, shown.size()));
        }
    }

    void clear() {
        floorSeq = lastSeq;
        kept.clear();
        shown.clear();
        eventAtOffset.clear();
        dropped = 0;
        unseen = 0;
    }

    private void trimOldest(int n) {
        for (int i = 0; i < n; i++) {
            forget(kept.removeFirst());
        }
        dropped += n;
    }

    private void removeOldestShown(int n) {
        if (n <= 0) {
            return;
        }
        if (n >= shown.size()) {
            shown.clear();
        } else if (newestFirst) {
            shown.remove(shown.size() - n, shown.size());
        } else {
            shown.remove(0, n);
        }
    }

    private List<EventRow> displayOrder() {
        List<EventRow> rows = new ArrayList<>(kept.size());
        Iterator<EventRow> it = newestFirst ? kept.descendingIterator() : kept.iterator();
        it.forEachRemaining(rows::add);
        return rows;
    }

    private EventRow named(EventRow row) {
        if (!row.failure() || !row.eventId().isEmpty() || row.rooms().isEmpty()) {
            return row;
        }
        Map.Entry<String, Long> at = row.rooms().entrySet().iterator().next();
        String id = eventAtOffset.get(key(at.getKey(), at.getValue()));
        return id == null ? row : row.withEventId(id);
    }

    private void remember(EventRow row) {
        if (!row.failure()) {
            lastSeq = Math.max(lastSeq, row.seq());
            row.rooms().forEach((room, offset) -> eventAtOffset.put(key(room, offset), row.eventId()));
        }
    }

    private void forget(EventRow row) {
        if (!row.failure()) {
            row.rooms().forEach((room, offset) -> eventAtOffset.remove(key(room, offset), row.eventId()));
        }
    }

    private static String key(String room, long offset) {
        return room + '@' + offset;
    }
}
