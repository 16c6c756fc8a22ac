package dev.switchboard.console.events;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.EventList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Events page's "Search the log" mode: the gateway's whole event log searched a page at a time
 * ({@code GET /admin/events}, docs/admin-api.md "Searching the log"), as Kafka UI searches a topic,
 * instead of the events this console happened to receive.
 *
 * <p>Paging keeps the cursor of every page shown, so "Newer" goes back exactly to the page before.
 * Each search or page turn gets a number; an answer for an earlier one is dropped, so a slow answer
 * never replaces the page the user asked for since. Threads: everything here belongs to the UI
 * thread; answers are handed to it by {@code ctx.onUi}.
 */
public final class LogSearch {
    public static final int PAGE = 100;

    private final ConsoleContext ctx;
    private final SearchTime times;
    // UI thread
    /** The {@code before} cursor of each page shown so far; the last is the current page's (null: the newest). */
    private final Deque<Long> cursors = new ArrayDeque<>();
    private Map<String, String> query = Map.of();
    private Long next;
    private long asked;

    // ---- properties ------------------------------------------------------------------------------
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final StringProperty actor = new SimpleStringProperty("");
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty fromOffset = new SimpleStringProperty("");
    private final StringProperty toOffset = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Search the gateway's log: set filters and press Search.");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasOlder = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasNewer = new ReadOnlyBooleanWrapper();

    LogSearch(ConsoleContext ctx, Clock clock) {
        this.ctx = ctx;
        this.times = new SearchTime(clock);
    }

    /** The current page, newest first. */
    public ObservableList<EventRow> rows() {
        return rows;
    }

    /** Who caused the event, as the publisher said ({@code actorId}). */
    public StringProperty actorProperty() {
        return actor;
    }

    /** Committed at or after: {@code 10:32}, {@code 2026-12-04 10:32}, an ISO instant, or {@code 20m} (ago). */
    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    /** The room's offsets, inclusive (only with a room). */
    public StringProperty fromOffsetProperty() {
        return fromOffset;
    }

    public StringProperty toOffsetProperty() {
        return toOffset;
    }

    /** {@code Page 2 · events 101–200 · offsets 4,051–3,952 · older pages follow}, or why there is none. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasOlderProperty() {
        return hasOlder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNewerProperty() {
        return hasNewer.getReadOnlyProperty();
    }

    // ---- commands --------------------------------------------------------------------------------

    /** The first (newest) page of a search with the page's shared filters and this mode's own fields. */
    public void search(EventFilter filter) {
        Map<String, String> q = new LinkedHashMap<>();
        try {
            put(q, "room", filter.room());
            put(q, "type", filter.type());
            put(q, "resource", filter.resource());
            put(q, "id", filter.eventId());
            put(q, "actor", actor.get());
            put(q, "from", times.epochMillis("From", from.get()));
            put(q, "to", times.epochMillis("To", to.get()));
            put(q, "fromOffset", offset("From offset", fromOffset.get()));
            put(q, "toOffset", offset("To offset", toOffset.get()));
            if ((q.containsKey("fromOffset") || q.containsKey("toOffset")) && !q.containsKey("room")) {
                throw new IllegalArgumentException("Offsets belong to a room: name the room to search by offset.");
            }
        } catch (IllegalArgumentException e) {
            asked++;
            busy.set(false);
            status.set(e.getMessage());
            return;
        }
        query = Map.copyOf(q);
        cursors.clear();
        cursors.push(-1L);
        read(null);
    }

    /** Empties this mode's own fields (the shared filters are the page's). */
    public void clearFields() {
        for (StringProperty f : List.of(actor, from, to, fromOffset, toOffset)) {
            f.set("");
        }
    }

    public void older() {
        if (next == null || busy.get()) {
            return;
        }
        cursors.push(next);
        read(next);
    }

    public void newer() {
        if (cursors.size() < 2 || busy.get()) {
            return;
        }
        cursors.pop();
        Long before = cursors.peek();
        read(before == -1L ? null : before);
    }

    // ---- internals -------------------------------------------------------------------------------

    private void read(Long before) {
        long n = ++asked;
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("limit", Integer.toString(PAGE));
        if (before != null) {
            q.put("before", Long.toString(before));
        }
        busy.set(true);
        status.set("Searching the log…");
        ctx.onUi(ctx.api().events(q), (answer, failure) -> {
            if (n != asked) {
                return;
            }
            busy.set(false);
            if (failure != null) {
                rows.clear();
                next = null;
                hasOlder.set(false);
                hasNewer.set(cursors.size() > 1);
                status.set("Could not search the log: " + AdminCallException.of(failure).describe());
                placeholder.set("The gateway did not answer the search.");
                return;
            }
            show(answer);
        });
    }

    private void show(EventList page) {
        List<EventRow> shown = new ArrayList<>(page.events().size());
        page.events().forEach(e -> shown.add(EventRow.fromHistory(e)));
        rows.setAll(shown);
        next = page.next();
        hasOlder.set(next != null);
        hasNewer.set(cursors.size() > 1);
        int pageNumber = cursors.size();
        String where = "offset".equals(page.by()) ? "offset" : "seq";
        StringBuilder s = new StringBuilder("Page ").append(pageNumber).append(" · ");
        if (shown.isEmpty()) {
            s.append("no match");
        } else {
            s.append(Format.count(shown.size())).append(shown.size() == 1 ? " event" : " events");
        }
        if (page.searchedTo() != null) {
            s.append(" · searched back to ").append(where).append(' ').append(Format.count(page.searchedTo()));
        }
        s.append(next == null ? " · start of the log reached" : " · older pages follow");
        status.set(s.toString());
        placeholder.set(next == null
                ? "No event in the log matches."
                : "No match down to " + where + " " + Format.count(page.searchedTo() == null ? 0 : page.searchedTo())
                  + " (one page searches at most 200,000 positions). Press Older to search further back.");
    }

    private static void put(Map<String, String> q, String key, String value) {
        if (value != null && !value.isBlank()) {
            q.put(key, value.trim());
        }
    }

    private static String offset(String field, String text) {
        String t = text == null ? "" : text.trim().replace(",", "");
        if (t.isEmpty()) {
            return "";
        }
        try {
            if (Long.parseLong(t) >= 1) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(field + ": \"" + text.trim() + "\" is not an offset; offsets are whole numbers from 1.");
    }
}
