package dev.switchboard.console.trace;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Trace page's state: one search (an event id, or {@code user:<id>}) answered by the gateway's
 * event trace or user timeline, shown as a header, a step timeline and a verdict table, or as a
 * device/connection/join tree and the missed events, plus the same as plain text for a ticket and the
 * session's recent searches. Nothing here changes the gateway, so read-only mode changes nothing.
 *
 * <p>Threads: properties and lists change on the {@link UiThread} only; commands are called there.
 * Requests complete on OkHttp threads and hand their result back through the UiThread; an answer to
 * a search that a newer search has replaced is thrown away ({@link #requests} counts searches).
 */
public final class TraceViewModel implements PageModel {
    public enum Showing { NOTHING, EVENT, USER }

    static final int RECENT_MAX = 12;
    /**
     * A search that is no event's id but reads like a user id (the gateway's rule for {@code sub}, with a
     * lower-case letter, which the gateway's ULID event ids never have, and not a UUID) was likely meant
     * as a user: the message suggests {@code user:<id>}.
     */
    private static final Pattern LIKELY_USER = Pattern.compile("(?=.*[a-z])(?![0-9a-f]{8}-[0-9a-f]{4}-)[A-Za-z0-9._@-]{1,128}");

    private final AdminApi api;
    private final UiThread ui;
    private final Consumer<String> notice;
    private final Clock clock;
    private final ZoneId zone;
    private final TraceText text;
    private final AtomicLong requests = new AtomicLong();
    private TraceQuery current;

    // ---- properties --------------------------------------------------------------------------

    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<TimelineWindow> window = new SimpleObjectProperty<>(TimelineWindow.LAST_DAY);
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final ObjectProperty<Showing> showing = new SimpleObjectProperty<>(Showing.NOTHING);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final StringProperty title = new SimpleStringProperty("");
    private final ObservableList<Fact> facts = FXCollections.observableArrayList();
    private final ObjectProperty<EventTraceReport> trace = new SimpleObjectProperty<>();
    private final ObservableList<TraceStep> steps = FXCollections.observableArrayList();
    private final ObservableList<VerdictRow> verdictRows = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<VerdictRow> selectedRow = new SimpleObjectProperty<>();
    private final StringProperty observations = new SimpleStringProperty("");
    private final ObjectProperty<UserTimelineReport> timeline = new SimpleObjectProperty<>();
    private final ObservableList<UserTimelineReport.MissedEvent> missed = FXCollections.observableArrayList();
    private final StringProperty copyText = new SimpleStringProperty("");

    public TraceViewModel(ConsoleContext ctx, ZoneId zone) {
        this(ctx.api(), ctx.ui(), ctx::notice, ctx.link().httpUrl(), ctx.link().nodeName(), Clock.systemUTC(), zone);
    }

    /**
     * @param notice     the status bar (any thread)
     * @param gatewayUrl and {@code node}: named at the top of the copied text
     * @param zone       the local time zone of times shown and copied
     */
    public TraceViewModel(AdminApi api, UiThread ui, Consumer<String> notice, String gatewayUrl, String node, Clock clock,
                          ZoneId zone) {
        this.api = api;
        this.ui = ui;
        this.notice = notice;
        this.clock = clock;
        this.zone = zone;
        this.text = new TraceText(gatewayUrl, node, zone);
        selectedRow.addListener((o, was, row) -> observations.set(observationsText(row)));
    }

    /** The search field: an event id, or {@code user:<id>}. */
    public StringProperty queryProperty() {
        return query;
    }

    /** How far back a user timeline looks. */
    public ObjectProperty<TimelineWindow> windowProperty() {
        return window;
    }

    /** This session's searches, newest first, at most {@value #RECENT_MAX}. */
    public ObservableList<String> recent() {
        return recent;
    }

    public ObjectProperty<Showing> showingProperty() {
        return showing;
    }

    /** A request is on its way. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** What the page says above the result: progress, "No event with id …", or an error. */
    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty messageIsErrorProperty() {
        return messageIsError;
    }

    /** {@code Event 01M8…} or {@code User zoe}. */
    public StringProperty titleProperty() {
        return title;
    }

    public ObservableList<Fact> facts() {
        return facts;
    }

    public ObjectProperty<EventTraceReport> traceProperty() {
        return trace;
    }

    /** The event's way from receipt to each device, in time order. */
    public ObservableList<TraceStep> steps() {
        return steps;
    }

    public ObservableList<VerdictRow> verdictRows() {
        return verdictRows;
    }

    /** {@code 2 acked · 1 delivered · 1 recovered · 0 pending · 0 dropped · 1 missed} */
    public StringProperty summaryProperty() {
        return summary;
    }

    /** The verdict row whose observations are shown. */
    public ObjectProperty<VerdictRow> selectedRowProperty() {
        return selectedRow;
    }

    public StringProperty observationsProperty() {
        return observations;
    }

    public ObjectProperty<UserTimelineReport> timelineProperty() {
        return timeline;
    }

    /** The user timeline's events that no device of the user has. */
    public ObservableList<UserTimelineReport.MissedEvent> missed() {
        return missed;
    }

    /** The shown trace or timeline as plain text for a ticket; "" when nothing is shown. */
    public StringProperty copyTextProperty() {
        return copyText;
    }

    // ---- commands ----------------------------------------------------------------------------

    /** Runs what the search field says. */
    public void search() {
        TraceQuery q = TraceQuery.parse(query.get());
        if (q == null) {
            say("Type an event id, or user:<id> for a user's timeline.", true);
            return;
        }
        run(q);
    }

    /** Another page sent us here: {@code user:<id>} opens a timeline, anything else an event's trace. */
    @Override
    public void open(String argument) {
        query.set(argument == null ? "" : argument.strip());
        search();
    }

    /** Asks the gateway again for what is shown (fates move on as devices ack and recover). */
    public void refresh() {
        if (current != null) {
            run(current);
        }
    }

    public void openEvent(String eventId) {
        open(eventId);
    }

    public void openUser(String userId) {
        open(TraceQuery.USER_PREFIX + userId);
    }

    /** The view put {@link #copyTextProperty()} on the clipboard: say so in the status bar. */
    public void copied() {
        String what = trace.get() != null ? "the trace of event " + trace.get().eventId()
                : timeline.get() != null ? "the timeline of " + timeline.get().userId() : "nothing";
        long lines = copyText.get().lines().count();
        notice.accept("Copied " + what + " as text (" + lines + " lines)");
    }

    // ---- work --------------------------------------------------------------------------------

    private void run(TraceQuery q) {
        query.set(q.text());
        remember(q.text());
        long n = requests.incrementAndGet();
        busy.set(true);
        if (q.kind() == TraceQuery.Kind.EVENT) {
            say("Tracing event " + q.id() + " …", false);
            fetch(n, q, api.trace(q.id()), TraceReports::eventTrace, this::showEvent);
        } else {
            Instant from = clock.instant().minus(window.get().length());
            say("Loading the timeline of " + q.id() + " (" + window.get() + ") …", false);
            fetch(n, q, api.timeline(q.id(), from.toString(), null), TraceReports::userTimeline, this::showUser);
        }
    }

    private <A, T> void fetch(long n, TraceQuery q, CompletableFuture<A> call,
                              Function<A, T> read, Consumer<T> show) {
        call.thenApply(read).whenComplete((report, error) -> ui.run(() -> {
            if (n != requests.get()) {
                return; // a newer search replaced this one
            }
            if (error != null) {
                fail(q, error);
            } else {
                current = q;
                say("", false);
                show.accept(report);
            }
            busy.set(false); // last: whoever waits for the answer finds it applied
        }));
    }

    private void showEvent(EventTraceReport r) {
        timeline.set(null);
        missed.clear();
        trace.set(r);
        steps.setAll(TraceSteps.of(r));
        verdictRows.setAll(r.rows());
        selectedRow.set(null);
        summary.set(r.summary().text());
        title.set("Event " + r.eventId());
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("Type", r.type()));
        f.add(new Fact("Resource", r.resourceId()));
        f.add(new Fact("Version", Long.toString(r.version())));
        f.add(new Fact("Seq", Long.toString(r.seq())));
        f.add(new Fact("Rooms", r.roomsText()));
        f.add(new Fact("Committed", r.committedAt() == null ? "—" : TraceTimes.local(r.committedAt(), zone)));
        if (!r.missedUsers().isEmpty()) {
            f.add(new Fact("Missed by", String.join(", ", r.missedUsers())));
        }
        facts.setAll(f);
        copyText.set(text.event(r));
        showing.set(Showing.EVENT);
        if (r.rows().isEmpty()) {
            say("No user is entitled to the rooms of this event: nobody was meant to get it.", false);
        }
    }

    private void showUser(UserTimelineReport t) {
        trace.set(null);
        steps.clear();
        verdictRows.clear();
        selectedRow.set(null);
        summary.set("");
        timeline.set(t);
        missed.setAll(t.missed());
        title.set("User " + t.userId());
        facts.setAll(List.of(
                new Fact("Devices", Format.count(t.devices().size())),
                new Fact("Connections", Format.count(t.connectionCount())),
                new Fact("Missed events", Format.count(t.missed().size())),
                new Fact("From", TraceTimes.local(t.from(), zone)),
                new Fact("To", TraceTimes.local(t.to(), zone))));
        copyText.set(text.timeline(t));
        showing.set(Showing.USER);
        if (t.devices().isEmpty()) {
            say("No connection of " + t.userId() + " in the " + window.get() + ".", false);
        }
    }

    private void fail(TraceQuery q, Throwable error) {
        AdminCallException cause = AdminCallException.of(error);
        clear();
        if (cause.status() == 404 && q.kind() == TraceQuery.Kind.EVENT) {
            say("No event with id " + q.id() + " in the log." + (LIKELY_USER.matcher(q.id()).matches()
                    ? " For the user's timeline, search " + TraceQuery.USER_PREFIX + q.id() + "." : ""), true);
        } else {
            say("Could not load " + q.text() + ": " + cause.describe(), true);
        }
    }

    private void clear() {
        current = null;
        trace.set(null);
        timeline.set(null);
        steps.clear();
        verdictRows.clear();
        missed.clear();
        selectedRow.set(null);
        summary.set("");
        title.set("");
        facts.clear();
        copyText.set("");
        showing.set(Showing.NOTHING);
    }

    private void remember(String text) {
        recent.remove(text);
        recent.add(0, text);
        if (recent.size() > RECENT_MAX) {
            recent.remove(RECENT_MAX, recent.size());
        }
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    private String observationsText(VerdictRow row) {
        if (row == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(row.userId() + " / " + row.deviceLabel() + ": " + row.mark().plain());
        if (row.detail() != null) {
            b.append(" — ").append(row.detail());
        }
        String why = row.why(at -> Format.clock(at.toEpochMilli()));
        if (!why.isEmpty()) {
            b.append(" — ").append(why);
        }
        b.append('\n');
        if (row.observations().isEmpty()) {
            b.append("  no observations\n");
        }
        for (Observation o : row.observations()) {
            b.append("  ").append(o.at() == null ? "            " : Format.clock(o.at().toEpochMilli())).append("  ")
                    .append(o.what());
            if (o.connectionId() != null) {
                b.append("  on ").append(o.connectionId()).append(o.node() == null ? "" : " (" + o.node() + ")");
            }
            if (!o.facts().isEmpty()) {
                b.append("  ").append(o.facts());
            }
            b.append('\n');
        }
        return b.toString();
    }
}
