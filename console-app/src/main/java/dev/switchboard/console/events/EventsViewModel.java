package dev.switchboard.console.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.Coalescer;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.AdminDelta;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Events page's state, in two modes sharing one filter bar: the <em>live</em> stream of published
 * events and delivery failures from the admin stream (plus the last {@value #HISTORY} events of the log
 * on activation), kept in a bounded buffer, filtered, paused, cleared; and a <em>search</em> of the
 * gateway's whole log a page at a time ({@link LogSearch}). With saved filters and a test-event form.
 *
 * <p>Threads: stream deltas are turned into {@link EventRow}s on the stream's reader thread and go to
 * a {@link Coalescer}, which applies them in one batch per {@value #BATCH_GAP_MS} ms on the UI thread.
 * Everything else here (properties, lists, the buffer) belongs to the UI thread ({@code ctx.ui()});
 * REST answers and the filter file are handed to it. Saved filters are read and written on
 * {@code ctx.timer()}.
 */
public final class EventsViewModel implements PageModel {
    /** What the table shows: the live stream, or a page of a search of the gateway's log. */
    public enum Mode { LIVE, SEARCH }

    public static final int DEFAULT_BOUND = 5_000;
    /** What the buffer-size menu offers. */
    public static final List<Integer> BOUNDS = List.of(1_000, 5_000, 20_000);
    static final int HISTORY = 200;
    static final long BATCH_GAP_MS = 250;

    private final ConsoleContext ctx;
    private final EventFilterStore store;
    private final EventBuffer buffer = new EventBuffer(DEFAULT_BOUND);
    private final Coalescer<EventRow> incoming;
    private final AtomicLong gatewayCoalesced = new AtomicLong();
    /** Events and failures the gateway did not send because of the stream's rate cap (its {@code more}). */
    private final AtomicLong capped = new AtomicLong();
    private final StreamListener listener = new StreamListener() {
        @Override
        public void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
            gatewayCoalesced.addAndGet(coalesced);
            for (AdminDelta item : items) {
                EventRow row = EventRow.fromDelta(item);
                if (row != null) {
                    incoming.offer(row);
                }
            }
        }

        @Override
        public void leftOut(Map<String, Long> more) {
            capped.addAndGet(more.getOrDefault("events", 0L) + more.getOrDefault("failures", 0L));
            // at most one a frame (four a second): the count shows even when no row arrives with it
            ctx.ui().run(EventsViewModel.this::updateStatus);
        }
    };
    // UI thread
    private boolean active;
    private boolean historyLoading;
    private boolean applyingSaved;
    private boolean reselecting;
    private long coalescerDropsSeen;
    private long gatewayCoalescedAtClear;
    private long cappedAtClear;
    private SavedFilters saved = SavedFilters.EMPTY;

    // ---- properties ------------------------------------------------------------------------------
    private final FilteredList<EventRow> rows = new FilteredList<>(buffer.shown());
    private final StringProperty roomFilter = new SimpleStringProperty("");
    private final StringProperty typeFilter = new SimpleStringProperty("");
    private final StringProperty resourceFilter = new SimpleStringProperty("");
    private final StringProperty eventIdFilter = new SimpleStringProperty("");
    private final StringProperty userFilter = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty newestFirst = new SimpleBooleanProperty(true);
    private final IntegerProperty bufferLimit = new SimpleIntegerProperty(DEFAULT_BOUND);
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper bufferStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<SavedEventFilter> savedFilters = FXCollections.observableArrayList();
    private final ObjectProperty<SavedEventFilter> selectedSaved = new SimpleObjectProperty<>();
    private final TestEventForm publishForm = new TestEventForm();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.LIVE);
    private final LogSearch search;

    public EventsViewModel(ConsoleContext ctx, EventFilterStore store) {
        this.ctx = ctx;
        this.store = store;
        this.search = new LogSearch(ctx, Clock.systemDefaultZone());
        this.incoming = new Coalescer<>(ctx.ui(), ctx.timer(), BATCH_GAP_MS, BOUNDS.get(BOUNDS.size() - 1), this::apply);
        for (StringProperty f : List.of(roomFilter, typeFilter, resourceFilter, eventIdFilter, userFilter)) {
            f.addListener((obs, was, now) -> {
                if (!applyingSaved) {
                    refilter();
                }
            });
        }
        paused.addListener((obs, was, now) -> refreeze());
        newestFirst.addListener((obs, was, now) -> buffer.newestFirst(now));
        bufferLimit.addListener((obs, was, now) -> {
            buffer.bound(now.intValue());
            refreeze();
        });
        mode.addListener((obs, was, now) -> {
            if (now == Mode.SEARCH) {
                searchLog();
            }
        });
        selectedSaved.addListener((obs, was, now) -> {
            if (now != null && !reselecting) {
                applyFilter(now.filter());
            }
        });
        buffer.freeze(true);
        updateStatus();
        ctx.link().addListener(listener);
        ctx.timer().execute(() -> {
            SavedFilters loaded = store.load();
            ctx.ui().run(() -> opened(loaded));
        });
    }

    /** The rows the table shows: the buffer in display order, through the filters. */
    public FilteredList<EventRow> rows() {
        return rows;
    }

    public StringProperty roomFilterProperty() {
        return roomFilter;
    }

    public StringProperty typeFilterProperty() {
        return typeFilter;
    }

    public StringProperty resourceFilterProperty() {
        return resourceFilter;
    }

    public StringProperty eventIdFilterProperty() {
        return eventIdFilter;
    }

    public StringProperty userFilterProperty() {
        return userFilter;
    }

    /** Paused: new rows collect in the buffer but the list stays still until resumed. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty newestFirstProperty() {
        return newestFirst;
    }

    /** How many rows the buffer keeps (one of {@link #BOUNDS} in the UI; tests use small ones). */
    public IntegerProperty bufferLimitProperty() {
        return bufferLimit;
    }

    /** Rows that came while paused and are not shown yet. */
    public ReadOnlyIntegerProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    /** {@code 5,000 kept · 1,234 dropped from the buffer · gateway coalesced 0}, plus how many the filters show. */
    public ReadOnlyStringProperty bufferStatusProperty() {
        return bufferStatus.getReadOnlyProperty();
    }

    /** What the empty table says: nothing yet, or nothing matches. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** The page's own line for results and errors (history, saved filters, trace). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<SavedEventFilter> savedFilters() {
        return savedFilters;
    }

    /** The saved filter picked in the menu; picking one applies it. */
    public ObjectProperty<SavedEventFilter> selectedSavedProperty() {
        return selectedSaved;
    }

    /** Live or search; switching to search runs the search with the filters as they are. */
    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public LogSearch search() {
        return search;
    }

    public TestEventForm publishForm() {
        return publishForm;
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return ctx.readOnlyProperty();
    }

    /** The filters as they are set now. */
    public EventFilter currentFilter() {
        return new EventFilter(roomFilter.get(), typeFilter.get(), resourceFilter.get(), eventIdFilter.get(), userFilter.get());
    }

    // ---- commands --------------------------------------------------------------------------------

    /** The page is shown: show what the buffer collected and fetch recent history. */
    @Override
    public void activate() {
        active = true;
        refreeze();
        loadHistory();
    }

    @Override
    public void deactivate() {
        active = false;
        refreeze();
    }

    @Override
    public void dispose() {
        active = false;
        ctx.link().removeListener(listener);
    }

    public void clear() {
        buffer.clear();
        coalescerDropsSeen = incoming.dropped();
        gatewayCoalescedAtClear = gatewayCoalesced.get();
        cappedAtClear = capped.get();
        updateStatus();
    }

    /** Another page sent an event id: show that event. */
    @Override
    public void open(String argument) {
        if (argument != null && !argument.isBlank()) {
            showEvent(argument);
        }
    }

    /** Another page asked to show one event here: search the log for its id (it may be long gone from the stream). */
    public void showEvent(String eventId) {
        selectedSaved.set(null);
        applyFilter(new EventFilter("", "", "", eventId, ""));
        if (mode.get() == Mode.SEARCH) {
            searchLog();
        } else {
            mode.set(Mode.SEARCH);
        }
    }

    /** Searches the gateway's log with the filters as they are now (the first, newest page). */
    public void searchLog() {
        search.search(currentFilter());
    }

    public void clearFilters() {
        selectedSaved.set(null);
        applyFilter(EventFilter.NONE);
        search.clearFields();
    }

    /** Saves the current filters under {@code name} (replacing one of that name) and selects it. */
    public void saveFilter(String name) {
        if (name == null || name.isBlank()) {
            message.set("Name the filter to save it.");
            return;
        }
        persist(saved.put(name, currentFilter()));
        reselect(name);
        message.set("Saved filter \"" + name.trim() + "\".");
    }

    public void deleteSaved(SavedEventFilter filter) {
        if (filter == null) {
            return;
        }
        persist(saved.remove(filter.name()));
        selectedSaved.set(null);
        message.set("Deleted filter \"" + filter.name() + "\".");
    }

    /** Marks {@code filter} as the one applied when the page opens, or unmarks it if it was. */
    public void toggleDefault(SavedEventFilter filter) {
        if (filter == null) {
            return;
        }
        boolean wasDefault = saved.find(filter.name()).map(SavedEventFilter::applyOnOpen).orElse(false);
        persist(saved.withDefault(wasDefault ? null : filter.name()));
        reselect(filter.name());
        message.set(wasDefault ? "No filter is applied on open now."
                : "\"" + filter.name() + "\" is applied whenever the Events page opens.");
    }

    /** Shows the delivery trace of the row's event (a failure's event when the page knows it). */
    public void trace(EventRow row) {
        if (row == null) {
            return;
        }
        if (row.eventId().isEmpty()) {
            message.set("This failure's event is not in the buffer; trace it from the Trace page by id.");
            return;
        }
        ctx.navigator().show("trace", row.eventId());
    }

    /** Publishes the test event in the form; refused without a request when read-only or when the form is wrong. */
    public void publish() {
        if (ctx.readOnly()) {
            publishForm.errorProperty().set("Read-only: this console does not publish.");
            return;
        }
        ObjectNode body = publishForm.request();
        if (body == null) {
            return;
        }
        publishForm.sendingProperty().set(true);
        publishForm.resultProperty().set("");
        ctx.api().publish(body).whenComplete((answer, failure) -> ctx.ui().run(() -> {
            publishForm.sendingProperty().set(false);
            if (failure != null) {
                publishForm.errorProperty().set("Refused: " + AdminCallException.of(failure).describe());
                ctx.notice("Test event refused: " + AdminCallException.of(failure).describe());
                return;
            }
            StringBuilder offsets = new StringBuilder();
            answer.offsets().forEach((room, offset) ->
                    offsets.append(offsets.length() == 0 ? "" : ", ").append(room).append(" @ ").append(offset));
            String text = "Published " + answer.id() + " · " + offsets;
            publishForm.resultProperty().set(text);
            ctx.notice(text);
        }));
    }

    // ---- internals -------------------------------------------------------------------------------

    /** One batch from the stream, on the UI thread. */
    private void apply(List<EventRow> batch) {
        long lost = incoming.dropped();
        buffer.countDropped(lost - coalescerDropsSeen);
        coalescerDropsSeen = lost;
        buffer.add(batch);
        updateStatus();
    }

    private void loadHistory() {
        if (historyLoading) {
            return;
        }
        historyLoading = true;
        // parsed on the thread that received it, not on the UI thread
        CompletableFuture<List<EventRow>> read = ctx.api().events(Map.of("limit", Integer.toString(HISTORY))).thenApply(answer -> {
            List<EventRow> history = new ArrayList<>();
            answer.events().forEach(e -> history.add(EventRow.fromHistory(e)));
            return history;
        });
        ctx.onUi(read, (history, failure) -> {
            historyLoading = false;
            if (failure != null) {
                message.set("Could not load recent events: " + AdminCallException.of(failure).describe());
                return;
            }
            buffer.addHistory(history);
            updateStatus();
        });
    }

    private void opened(SavedFilters loaded) {
        if (saved != SavedFilters.EMPTY) {
            // the user saved or changed filters before the store answered: keep both
            persist(saved.over(loaded));
            return;
        }
        saved = loaded;
        savedFilters.setAll(loaded.filters());
        loaded.onOpen().ifPresent(f -> {
            if (currentFilter().none()) {
                selectedSaved.set(f);
            }
        });
    }

    private void persist(SavedFilters next) {
        saved = next;
        savedFilters.setAll(next.filters());
        ctx.timer().execute(() -> {
            try {
                store.save(next);
            } catch (RuntimeException e) {
                ctx.ui().run(() -> message.set("Could not save filters: " + e.getMessage()));
            }
        });
    }

    /** Selects the saved filter of that name as it is now, without applying it over what the user typed since. */
    private void reselect(String name) {
        reselecting = true;
        try {
            selectedSaved.set(saved.find(name).orElse(null));
        } finally {
            reselecting = false;
        }
    }

    private void applyFilter(EventFilter f) {
        applyingSaved = true;
        try {
            roomFilter.set(f.room());
            typeFilter.set(f.type());
            resourceFilter.set(f.resource());
            eventIdFilter.set(f.eventId());
            userFilter.set(f.user());
        } finally {
            applyingSaved = false;
        }
        refilter();
    }

    private void refilter() {
        EventFilter f = currentFilter();
        rows.setPredicate(f.none() ? null : f::matches);
        updateStatus();
    }

    private void refreeze() {
        buffer.freeze(!active || paused.get());
        updateStatus();
    }

    private void updateStatus() {
        unseen.set(buffer.unseen());
        boolean filtered = rows.getPredicate() != null;
        String status = Format.count(buffer.kept()) + " kept · " + Format.count(buffer.dropped()) + " dropped from the buffer"
                + " · gateway coalesced " + Format.count(gatewayCoalesced.get() - gatewayCoalescedAtClear);
        long notSent = capped.get() - cappedAtClear;
        if (notSent > 0) {
            // the stream is capped per console: the rest is in the log, where "Search the log" finds it
            status += " · " + Format.count(notSent) + " more not streamed (rate cap; all are in the log)";
        }
        bufferStatus.set(filtered ? Format.count(rows.size()) + " shown · " + status : status);
        placeholder.set(buffer.shown().isEmpty()
                ? (paused.get() ? "Paused. Resume to see new events." : "No events yet. Publish a test event or wait for traffic.")
                : "None of the " + Format.count(buffer.kept()) + " rows kept here match."
                  + " \"Search the log\" looks through the gateway's whole log.");
    }

}
