package dev.switchboard.console.connections;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.ActiveRefresh;
import dev.switchboard.console.ui.Coalescer;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.Redelivery;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Connections page's state and commands: every open connection of the node (admin stream
 * snapshot and deltas, plus a REST read of all of them every {@value #REFRESH_MILLIS} ms while the
 * page is shown and the link is not paused, for offsets, unsent, unacked and backlog), the filter and what it
 * shows, the selected connection's detail, and the operator's actions on it.
 *
 * <p>Threads: properties and lists change on {@code ctx.ui()} only. Stream frames arrive on the
 * stream thread and go through a {@link Coalescer} (one batch per 250 ms); REST answers complete on
 * OkHttp threads and are handed to {@code ctx.ui()}; the refresh ticks run on {@code ctx.timer()}.
 * Commands are called on the UI thread.
 */
public final class ConnectionsViewModel implements PageModel {
    static final long REFRESH_MILLIS = 2_000;
    /**
     * A full read starts no sooner than this many times the last one took (from request to last
     * slice), so a big node is read less often rather than back to back: with 10,000 connections
     * reads every 2 s kept the console at a whole core and took that core from the gateway
     * (ConsolePulseBenchmark). User-asked refreshes are not spaced.
     */
    static final int READ_SPACING = 4;
    static final String FILTER_KEY = "connections.filter";

    private final ConsoleContext ctx;
    private final LagJudge judge;
    private final ConnectionIndex index;
    private final ConnectionPages pages;
    private final ActiveRefresh refresh;
    private final Coalescer<StreamItem> coalescer;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean asked = new AtomicBoolean();
    /** When the last full read started and how long it took to apply; written on the UI thread, read on the timer. */
    private volatile long lastReadStart;
    private volatile long lastReadNanos;
    static final int SLICE = 1_500;
    /**
     * At most this many rows new to the table per UI task: inserting a row into the sorted, filtered
     * table costs far more than updating one (the first read of 10,000 connections applied in slices
     * of 1,500 new rows held the FX thread up to 110 ms per slice, ConsolePulseBenchmark).
     */
    static final int NEW_ROWS_PER_SLICE = 400;
    private final StreamListener listener = new StreamListener() {
        @Override
        public void snapshot(AdminFrame.Snapshot snapshot) {
            coalescer.offer(StreamItem.snapshot(snapshot));
        }

        @Override
        public void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
            for (AdminDelta item : items) {
                if (StreamItem.wanted(item)) {
                    coalescer.offer(StreamItem.delta(item));
                }
            }
        }
    };

    // ---- properties ----------------------------------------------------------------------------
    private final FilteredList<ConnectionRow> shown;
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObservableStringValue countText;
    private final ObservableStringValue placeholder;
    private final ConnectionDetailModel detail;
    private final ReadOnlyStringWrapper actionResult = new ReadOnlyStringWrapper(this, "actionResult", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper(this, "filterProblem", "");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");

    public ConnectionsViewModel(ConsoleContext ctx) {
        this.ctx = ctx;
        this.judge = LagJudge.of(ctx);
        this.index = new ConnectionIndex(judge, () -> ctx.link().nodeName());
        this.pages = new ConnectionPages(ctx.api());
        this.refresh = new ActiveRefresh(ctx.timer(), () -> ctx.link().paused(), REFRESH_MILLIS, this::tick);
        this.coalescer = new Coalescer<>(ctx.ui(), ctx.timer(), 250, 50_000, this::applyStream);
        this.shown = new FilteredList<>(index.rows());
        this.detail = new ConnectionDetailModel(ctx.api(), ctx.ui(), info -> index.one(info, Instant.now()));
        this.countText = Bindings.createStringBinding(() -> Format.count(index.rows().size()) + " connections · "
                + Format.count(shown.size()) + " shown", index.rows(), shown);
        this.placeholder = Bindings.createStringBinding(() -> filterText.get().isBlank()
                ? "No connections open on this node"
                : filterProblem.get().isEmpty() ? "No connections match “" + filterText.get().trim() + "”"
                : filterProblem.get(), filterText, filterProblem);
        filterText.addListener((o, was, now) -> applyFilter());
        new SavedConnectionFilter(ctx.home(), FILTER_KEY, ctx.timer()).attach(filterText, ctx.ui());
        ctx.link().addListener(listener);
    }

    /** Every open connection known, in arrival order. */
    public ObservableList<ConnectionRow> rows() {
        return index.rows();
    }

    /** The connections the filter lets through; the table sorts them. */
    public FilteredList<ConnectionRow> shown() {
        return shown;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** {@code 1,423 connections · 12 shown} */
    public ObservableStringValue countText() {
        return countText;
    }

    /** What the empty table says. */
    public ObservableStringValue placeholder() {
        return placeholder;
    }

    public ConnectionDetailModel detail() {
        return detail;
    }

    public ConnectionRow selected() {
        return detail.row();
    }

    /** True hides every action and makes the commands refuse. */
    public BooleanProperty readOnlyProperty() {
        return ctx.readOnlyProperty();
    }

    /** The last action's outcome: {@code Disconnected c1x9 (alice/phone)}, or why it failed. */
    public ReadOnlyStringProperty actionResultProperty() {
        return actionResult.getReadOnlyProperty();
    }

    /** Why the last refresh failed, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Counts applied batches: the table re-sorts on it, as rows change in place. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The row of {@code connectionId}, or null. UI thread. */
    public ConnectionRow row(String connectionId) {
        return index.get(connectionId);
    }

    // ---- commands ------------------------------------------------------------------------------

    /** The page is shown: read everything now and every two seconds. */
    @Override
    public void activate() {
        refresh.start();
    }

    @Override
    public void deactivate() {
        refresh.stop();
    }

    @Override
    public void dispose() {
        refresh.stop();
        ctx.link().removeListener(listener);
    }

    /** Another page sent a filter ({@code user:alice}, {@code room:document:7}) or a connection id. */
    @Override
    public void open(String argument) {
        if (argument != null) {
            filterText.set(argument);
        }
    }

    public void select(ConnectionRow row) {
        detail.show(row);
    }

    /** Closes the connection with 4010; the client may reconnect. */
    public CompletableFuture<Void> disconnect(ConnectionRow row) {
        if (row == null || refused("Disconnect")) {
            return CompletableFuture.completedFuture(null);
        }
        String who = row.connectionId() + " (" + row.userId() + "/" + row.deviceId() + ")";
        return report(ctx.api().disconnect(row.connectionId()),
                done -> "Disconnected " + who + "; the client may reconnect.", "Disconnect of " + who);
    }

    public CompletableFuture<Void> injectFault(FaultDraft request) {
        if (request == null || refused("Fault injection")) {
            return CompletableFuture.completedFuture(null);
        }
        return report(ctx.api().injectFault(request.toRequest()), fault -> {
            detail.load();
            int n = fault.connections() == null ? 0 : fault.connections().size();
            String until = fault.expiresAt() != null ? ", until " + Format.clock(fault.expiresAt()) : "";
            return "Injected " + request.describe() + " (" + n + (n == 1 ? " connection" : " connections") + until + ").";
        }, "Fault " + request.describe());
    }

    /** Sends a range of a room's offsets to the connection again. */
    public CompletableFuture<Void> redeliver(ConnectionRow row, RedeliverRequest r) {
        if (row == null || refused("Re-delivery")) {
            return CompletableFuture.completedFuture(null);
        }
        String what = r.room() + " " + r.from() + "–" + r.to() + " to " + row.connectionId();
        if (!r.valid()) {
            show("Re-deliver " + what + ": the range must be 1 ≤ from ≤ to, at most 10,000 offsets.");
            return CompletableFuture.completedFuture(null);
        }
        return report(ctx.api().redeliver(row.connectionId(), new Redelivery(r.room(), r.from(), r.to())),
                answer -> "Re-delivered " + what + ": sent " + answer.sent() + ".", "Re-delivery of " + what);
    }

    /** Shows the selected connection's user on the Trace page. */
    public void traceUser() {
        ConnectionRow row = detail.row();
        if (row != null) {
            ctx.navigator().show("trace", "user:" + row.userId());
        }
    }

    /** Reads everything again now (when the page is shown). */
    public void refreshNow() {
        asked.set(true);
        refresh.now();
    }

    // ---- applying (UI thread) ------------------------------------------------------------------

    /** Applies a batch of stream items in order; also used by tests to feed synthetic snapshots. */
    void applyStream(List<StreamItem> batch) {
        Instant now = Instant.now();
        List<AdminDelta> deltas = new ArrayList<>();
        boolean incomplete = false;
        for (StreamItem item : batch) {
            if (item.isSnapshot()) {
                index.deltas(deltas, now);
                deltas.clear();
                index.snapshot(item.snapshot(), item.complete(), now);
                incomplete |= !item.complete();
            } else {
                deltas.add(item.delta());
            }
        }
        index.deltas(deltas, now);
        changed();
        if (incomplete) {
            asked.set(true);
            refresh.now();
        }
    }

    private void tick() {
        detail.load();
        if (asked.getAndSet(false) || lastReadStart == 0 || readDue(System.nanoTime() - lastReadStart, lastReadNanos)) {
            read();
        }
    }

    /** Whether a full read is due {@code sinceNanos} after the last one started, which took {@code lastReadNanos} to apply. */
    static boolean readDue(long sinceNanos, long lastReadNanos) {
        return sinceNanos >= Math.max(REFRESH_MILLIS * 1_000_000L, READ_SPACING * lastReadNanos);
    }

    private void read() {
        if (!reading.compareAndSet(false, true)) {
            return; // the last read is still going (a slow gateway): skip this one
        }
        long started = System.nanoTime();
        lastReadStart = started;
        pages.readAll().whenComplete((list, error) -> {
            if (error != null) {
                reading.set(false);
                ctx.ui().run(() -> problem.set("Could not read the connections: " + AdminCallException.of(error).describe()));
                return;
            }
            ctx.ui().run(() -> {
                problem.set("");
                applyAll(list, started, 0);
            });
        });
    }

    /**
     * Applies a read of every connection {@value #SLICE} rows per UI task, of which at most
     * {@value #NEW_ROWS_PER_SLICE} new ones: 10,000 rows at once held the FX thread 60-270 ms
     * (ConsolePulseBenchmark); between slices the UI thread paints and takes input. The next read
     * starts only after the last slice.
     */
    private void applyAll(List<OpenConnection> list, long started, int from) {
        int to = sliceEnd(list, from, i -> index.get(i.connectionId()) == null);
        boolean last = to == list.size();
        index.all(list.subList(from, to), last ? list : null, started, Instant.now());
        changed();
        if (last) {
            lastReadNanos = System.nanoTime() - started;
            reading.set(false);
        } else {
            // via the timer, so the next slice is a new UI task after the pulse, not a nested call
            ctx.timer().execute(() -> ctx.ui().run(() -> applyAll(list, started, to)));
        }
    }

    /**
     * Where the slice of {@code list} starting at {@code from} ends: after {@value #SLICE} rows, or
     * after {@value #NEW_ROWS_PER_SLICE} rows that {@code isNew} says the table does not have yet.
     */
    static int sliceEnd(List<OpenConnection> list, int from, Predicate<OpenConnection> isNew) {
        int to = from;
        int fresh = 0;
        while (to < list.size() && to - from < SLICE && fresh < NEW_ROWS_PER_SLICE) {
            if (isNew.test(list.get(to))) {
                fresh++;
            }
            to++;
        }
        return to;
    }

    private void changed() {
        ConnectionFilter f = (ConnectionFilter) shown.getPredicate();
        if (f != null && f.onLiveFigures()) {
            shown.setPredicate(ConnectionFilter.parse(f.text()));
        }
        revision.set(revision.get() + 1);
    }

    private void applyFilter() {
        ConnectionFilter f = ConnectionFilter.parse(filterText.get());
        filterProblem.set(f.problem());
        shown.setPredicate(f.isEmpty() ? null : f);
    }

    /** Why the filter does not mean what it seems to ("" when it is fine), said where the rows would be. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    private boolean refused(String action) {
        if (ctx.readOnly()) {
            show(action + " refused: the console is in read-only mode.");
            return true;
        }
        return false;
    }

    private <T> CompletableFuture<Void> report(CompletableFuture<T> call, Function<T, String> success, String what) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        call.whenComplete((json, error) -> ctx.ui().run(() -> {
            try {
                show(error == null ? success.apply(json)
                        : what + " failed: " + AdminCallException.of(error).describe());
            } finally {
                done.complete(null);
            }
        }));
        return done;
    }

    private void show(String text) {
        actionResult.set(text);
        ctx.notice(text);
    }
}
