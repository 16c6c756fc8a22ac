package dev.switchboard.console.connections;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.ActiveRefresh;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.ConnectionSort;
import dev.switchboard.model.admin.Redelivery;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The Connections page's state and commands: one page of the node's connections as the gateway
 * filters, sorts and counts them ({@code GET /admin/connections}), the filter, sort and page the user
 * chose, the selected connection's detail, and the operator's actions on it.
 *
 * <p>Only the page shown is read: about once a second while the page is shown and the link is not
 * paused, never two reads at once, and no sooner than {@value #READ_SPACING} times the last read took
 * (a slow gateway is asked less often). A change of filter, sort or page reads at once; an answer to a
 * request that is no longer the one shown is dropped. Rows are updated in place (see
 * {@link ConnectionPageRows}).
 *
 * <p>Messages of actions belong to the connection they acted on: the pane shows the selected
 * connection's last one, never another's.
 *
 * <p>Threads: properties and lists change on {@code ctx.ui()} only. REST answers complete on OkHttp
 * threads and are handed to {@code ctx.ui()}; the refresh ticks run on {@code ctx.timer()}; the admin
 * stream (only to mark the selected connection closed) on its reader thread. Commands are called on
 * the UI thread.
 */
public final class ConnectionsViewModel implements PageModel {
    static final long REFRESH_MILLIS = 1_000;
    /** A read starts no sooner than this many times the last one took, so a slow gateway is asked less often. */
    static final int READ_SPACING = 4;
    static final int PAGE_SIZE = 100;
    static final String FILTER_KEY = "connections.filter";

    private final ConsoleContext ctx;
    private final ConnectionPageRows page;
    private final ActiveRefresh refresh;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean asked = new AtomicBoolean();
    /** When the last read started and how long it took; written on the UI thread, read on the timer. */
    private volatile long lastReadStart;
    private volatile long lastReadNanos;
    /** The page shown: replaced on the UI thread, read by the timer's ticks. */
    private volatile ConnectionPageRequest request;
    /** The last action's message per connection id. UI thread. */
    private final Map<String, String> results = new HashMap<>();
    /** True while a page is applied: the table's selection changes then are not the user's. UI thread. */
    private boolean applying;
    private final StreamListener closes = new StreamListener() {
        @Override
        public void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
            String shown = detail.selectedId();
            for (AdminDelta item : items) {
                if (shown != null && item instanceof AdminDelta.ConnectionClosed c && c.connectionId().equals(shown)) {
                    ctx.ui().run(() -> detail.closed(c.connectionId(), c.at(), c.code(), c.reason()));
                }
            }
        }
    };

    // ---- properties ----------------------------------------------------------------------------
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<ConnectionSort> sort = new SimpleObjectProperty<>(this, "sort", ConnectionSort.ID);
    private final BooleanProperty descending = new SimpleBooleanProperty(this, "descending");
    private final ReadOnlyIntegerWrapper offset = new ReadOnlyIntegerWrapper(this, "offset");
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", -1);
    private final ObservableStringValue countText;
    private final ObservableStringValue placeholder;
    private final BooleanBinding hasPrevious;
    private final BooleanBinding hasNext;
    private final ConnectionDetailModel detail;
    private final ReadOnlyStringWrapper actionResult = new ReadOnlyStringWrapper(this, "actionResult", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper(this, "filterProblem", "");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");

    public ConnectionsViewModel(ConsoleContext ctx) {
        this.ctx = ctx;
        this.page = new ConnectionPageRows(LagJudge.of(ctx));
        this.refresh = new ActiveRefresh(ctx.timer(), () -> ctx.link().paused(), REFRESH_MILLIS, this::tick);
        this.detail = new ConnectionDetailModel(ctx.api(), ctx.ui(), (row, info) -> page.update(row, info, Instant.now()));
        this.request = new ConnectionPageRequest(ConnectionFilter.parse(""), ConnectionSort.ID, false, 0, PAGE_SIZE);
        this.countText = Bindings.createStringBinding(this::count, total, offset, page.rows());
        this.placeholder = Bindings.createStringBinding(() -> total.get() < 0 ? "Reading the connections…"
                : filterText.get().isBlank() ? "No connections open on this node"
                : filterProblem.get().isEmpty() ? "No connections match “" + filterText.get().trim() + "”"
                : filterProblem.get(), filterText, filterProblem, total);
        this.hasPrevious = offset.greaterThan(0);
        this.hasNext = Bindings.createBooleanBinding(() -> offset.get() + PAGE_SIZE < total.get(), offset, total);
        filterText.addListener((o, was, now) -> {
            ConnectionFilter f = ConnectionFilter.parse(now);
            filterProblem.set(f.problem());
            ask(new ConnectionPageRequest(f, request.sort(), request.descending(), 0, PAGE_SIZE));
        });
        sort.addListener((o, was, now) -> reorder());
        descending.addListener((o, was, now) -> reorder());
        new SavedConnectionFilter(ctx.home(), FILTER_KEY, ctx.timer()).attach(filterText, ctx.ui());
        ctx.link().addListener(closes);
    }

    /** The connections of the page shown, in the gateway's order. */
    public ObservableList<ConnectionRow> rows() {
        return page.rows();
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** What the gateway sorts by; the first page is read again when it changes. */
    public ObjectProperty<ConnectionSort> sortProperty() {
        return sort;
    }

    public BooleanProperty descendingProperty() {
        return descending;
    }

    /** Where the page shown starts among the matches (0-based); it changes when that page's answer is in. */
    public ReadOnlyIntegerProperty offsetProperty() {
        return offset.getReadOnlyProperty();
    }

    /** How many connections match the filter, as the gateway last counted them; -1 before the first answer. */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** {@code 101–200 of 10,000} */
    public ObservableStringValue countText() {
        return countText;
    }

    /** What the empty table says. */
    public ObservableStringValue placeholder() {
        return placeholder;
    }

    public BooleanBinding hasPrevious() {
        return hasPrevious;
    }

    public BooleanBinding hasNext() {
        return hasNext;
    }

    public ConnectionDetailModel detail() {
        return detail;
    }

    public ConnectionRow selected() {
        return detail.row();
    }

    /** True while a page is being put in the table: selection changes then are not the user's. UI thread. */
    public boolean applying() {
        return applying;
    }

    /** True hides every action and makes the commands refuse. */
    public BooleanProperty readOnlyProperty() {
        return ctx.readOnlyProperty();
    }

    /** The selected connection's last action: {@code Disconnected c1x9 (alice/phone)}, or why it failed; "" for none. */
    public ReadOnlyStringProperty actionResultProperty() {
        return actionResult.getReadOnlyProperty();
    }

    /** Why the last refresh failed, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Counts applied pages. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The row of {@code connectionId} on the page shown, or null. UI thread. */
    public ConnectionRow row(String connectionId) {
        return page.get(connectionId);
    }

    /** Why the filter does not mean what it seems to ("" when it is fine), said where the rows would be. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    // ---- commands ------------------------------------------------------------------------------

    /** The page is shown: read the page now and about every second. */
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
        ctx.link().removeListener(closes);
    }

    /** Another page sent a filter ({@code user:alice}, {@code room:document:7}) or a connection id. */
    @Override
    public void open(String argument) {
        if (argument != null) {
            filterText.set(argument);
        }
    }

    /** The user selected {@code row}: the detail shows it until the user selects another (null changes nothing). */
    public void select(ConnectionRow row) {
        if (row == null) {
            return;
        }
        detail.show(row);
        actionResult.set(results.getOrDefault(row.connectionId(), ""));
    }

    public void nextPage() {
        if (hasNext.get()) {
            ask(request.withOffset(request.offset() + PAGE_SIZE));
        }
    }

    public void previousPage() {
        if (hasPrevious.get()) {
            ask(request.withOffset(request.offset() - PAGE_SIZE));
        }
    }

    /** Closes the connection with 4010; the client may reconnect. */
    public CompletableFuture<Void> disconnect(ConnectionRow row) {
        if (row == null || refused(row.connectionId(), "Disconnect")) {
            return CompletableFuture.completedFuture(null);
        }
        String who = row.connectionId() + " (" + row.userId() + "/" + row.deviceId() + ")";
        return report(row.connectionId(), ctx.api().disconnect(row.connectionId()),
                done -> "Disconnected " + who + (onAnotherNode(row) ? " (through " + row.node() + ", which holds it)" : "")
                        + "; the client may reconnect.", "Disconnect of " + who);
    }

    public CompletableFuture<Void> injectFault(FaultDraft request) {
        if (request == null || refused(request.connectionId(), "Fault injection")) {
            return CompletableFuture.completedFuture(null);
        }
        return report(request.connectionId(), ctx.api().injectFault(request.toRequest()), fault -> {
            detail.load();
            int n = fault.connections() == null ? 0 : fault.connections().size();
            if (fault.forwardedTo() != null) {
                return "Injected " + request.describe() + " through " + fault.forwardedTo() + ", which holds the connection.";
            }
            String until = fault.expiresAt() != null ? ", until " + Format.clock(fault.expiresAt()) : "";
            return "Injected " + request.describe() + " (" + n + (n == 1 ? " connection" : " connections") + until + ").";
        }, "Fault " + request.describe());
    }

    /** Sends a range of a room's offsets to the connection again. */
    public CompletableFuture<Void> redeliver(ConnectionRow row, RedeliverRequest r) {
        if (row == null || refused(row.connectionId(), "Re-delivery")) {
            return CompletableFuture.completedFuture(null);
        }
        String what = r.room() + " " + r.from() + "–" + r.to() + " to " + row.connectionId();
        if (!r.valid()) {
            show(row.connectionId(), "Re-deliver " + what + ": the range must be 1 ≤ from ≤ to, at most 10,000 offsets.");
            return CompletableFuture.completedFuture(null);
        }
        return report(row.connectionId(), ctx.api().redeliver(row.connectionId(), new Redelivery(r.room(), r.from(), r.to())),
                answer -> answer.forwardedTo() != null
                        ? "Re-delivery of " + what + " handed to " + answer.forwardedTo() + ", which holds the connection."
                        : "Re-delivered " + what + ": sent " + answer.sent() + ".", "Re-delivery of " + what);
    }

    /** True when the row is another node's than the one the console talks to (the gateway hands actions on). */
    private boolean onAnotherNode(ConnectionRow row) {
        return row.node() != null && !row.node().isEmpty() && !row.node().equals(ctx.link().nodeName());
    }

    /** Shows the selected connection's user on the Trace page. */
    public void traceUser() {
        ConnectionRow row = detail.row();
        if (row != null) {
            ctx.navigator().show("trace", "user:" + row.userId());
        }
    }

    /** Reads the page again now (when the page is shown). */
    public void refreshNow() {
        asked.set(true);
        refresh.now();
    }

    // ---- reading -------------------------------------------------------------------------------

    private void reorder() {
        ask(new ConnectionPageRequest(request.filter(), sort.get(), descending.get(), 0, PAGE_SIZE));
    }

    /** Shows {@code r} from now on and reads it at once. UI thread. */
    private void ask(ConnectionPageRequest r) {
        request = r;
        refreshNow();
    }

    private void tick() {
        detail.load();
        if (asked.getAndSet(false) || lastReadStart == 0 || readDue(System.nanoTime() - lastReadStart, lastReadNanos)) {
            read();
        }
    }

    /** Whether a read is due {@code sinceNanos} after the last one started, which took {@code lastReadNanos}. */
    static boolean readDue(long sinceNanos, long lastReadNanos) {
        return sinceNanos >= Math.max(REFRESH_MILLIS * 1_000_000L, READ_SPACING * lastReadNanos);
    }

    private void read() {
        if (!reading.compareAndSet(false, true)) {
            asked.set(true); // read again as soon as the one going on is in
            return;
        }
        ConnectionPageRequest r = request;
        long started = System.nanoTime();
        lastReadStart = started;
        fetch(r).whenComplete((answer, error) -> ctx.ui().run(() -> {
            lastReadNanos = System.nanoTime() - started;
            reading.set(false);
            applyAnswer(r, answer, error);
            if (asked.get()) {
                refresh.now();
            }
        }));
    }

    /** One page, its connections parsed on the thread that received it. */
    private CompletableFuture<PageAnswer> fetch(ConnectionPageRequest r) {
        return ctx.api().connections(r.params())
                .thenApply(p -> new PageAnswer(p.total(), OpenConnection.listFrom(p.connections())));
    }

    private record PageAnswer(long total, List<OpenConnection> connections) {
    }

    private void applyAnswer(ConnectionPageRequest r, PageAnswer answer, Throwable error) {
        if (r != request) {
            return; // the user asked for another page meanwhile; that one is read next
        }
        if (error != null) {
            problem.set("Could not read the connections: " + AdminCallException.of(error).describe());
            return;
        }
        problem.set("");
        if (answer.connections().isEmpty() && r.offset() > 0 && answer.total() > 0) {
            // connections closed and this page emptied: show the last page that has some
            ask(r.withOffset((int) ((answer.total() - 1) / PAGE_SIZE * PAGE_SIZE)));
            return;
        }
        applying = true;
        try {
            page.show(answer.connections(), detail.row(), Instant.now());
        } finally {
            applying = false;
        }
        offset.set(r.offset());
        total.set(answer.total());
        revision.set(revision.get() + 1);
    }

    private String count() {
        long n = total.get();
        int shown = page.rows().size();
        if (n < 0) {
            return "";
        }
        if (shown == 0) {
            return Format.count(n) + (n == 1 ? " connection" : " connections");
        }
        return Format.count(offset.get() + 1L) + "–" + Format.count(offset.get() + (long) shown) + " of " + Format.count(n);
    }

    // ---- actions' messages ---------------------------------------------------------------------

    private boolean refused(String connectionId, String action) {
        if (ctx.readOnly()) {
            show(connectionId, action + " refused: the console is in read-only mode.");
            return true;
        }
        return false;
    }

    private <T> CompletableFuture<Void> report(String connectionId, CompletableFuture<T> call, Function<T, String> success,
                                               String what) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        call.whenComplete((answer, error) -> ctx.ui().run(() -> {
            try {
                show(connectionId, error == null ? success.apply(answer)
                        : what + " failed: " + AdminCallException.of(error).describe());
            } finally {
                done.complete(null);
            }
        }));
        return done;
    }

    /** Keeps {@code text} as {@code connectionId}'s message; the pane shows it while that connection is selected. */
    private void show(String connectionId, String text) {
        results.put(connectionId, text);
        if (connectionId.equals(detail.selectedId())) {
            actionResult.set(text);
        }
        ctx.notice(text);
    }
}
