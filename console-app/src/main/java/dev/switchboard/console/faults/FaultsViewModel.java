package dev.switchboard.console.faults;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.ActiveRefresh;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Faults page's state and commands: the faults in force on the node ({@code GET /admin/faults}),
 * read when the page is shown, every {@value #REFRESH_MILLIS} ms while it is, and right after a clear;
 * each row's time left counts down every second between reads. Clear ends one fault, Clear all every
 * listed one ({@code DELETE /admin/faults/{id}}); both are refused in read-only mode.
 *
 * <p>Threads: properties and rows change on {@code ctx.ui()} only; answers arrive on HTTP threads and
 * are handed to it; the refresh and the countdown tick on {@code ctx.timer()}.
 */
public final class FaultsViewModel implements PageModel {
    static final long REFRESH_MILLIS = 2_000;
    static final long COUNTDOWN_MILLIS = 1_000;

    private final ConsoleContext ctx;
    private final Clock clock;
    private final ActiveRefresh refresh;
    private final ActiveRefresh countdown;
    // UI thread
    private final Map<String, FaultRow> byId = new HashMap<>();
    private boolean reading;
    private boolean readAgain;

    // ---- properties ----------------------------------------------------------------------------
    private final ObservableList<FaultRow> faults = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Not read yet");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");

    public FaultsViewModel(ConsoleContext ctx) {
        this(ctx, Clock.systemUTC());
    }

    /** @param clock what "expires in" counts down against (a test's own clock) */
    FaultsViewModel(ConsoleContext ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        this.refresh = new ActiveRefresh(ctx.timer(), ctx::paused, REFRESH_MILLIS, () -> ctx.ui().run(this::refresh));
        this.countdown = new ActiveRefresh(ctx.timer(), ctx::paused, COUNTDOWN_MILLIS, () -> ctx.ui().run(this::countDown));
    }

    /** The faults in force, in the order the gateway lists them. */
    public ObservableList<FaultRow> faults() {
        return faults;
    }

    /** {@code 2 faults in force · read 10:01:02.003}, or {@code No fault in force · read …}. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last read failed, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last Clear did, or why it was refused or failed. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** True while read-only: Clear and Clear all are hidden and refused. */
    public BooleanProperty readOnlyProperty() {
        return ctx.readOnlyProperty();
    }

    // ---- commands ------------------------------------------------------------------------------

    @Override
    public void activate() {
        refresh.start();
        countdown.start();
    }

    @Override
    public void deactivate() {
        refresh.stop();
        countdown.stop();
    }

    /** Reads the faults in force now; a read asked for while one is under way follows it. */
    public void refresh() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        ctx.api().faults().whenComplete((answer, failure) -> ctx.ui().run(() -> {
            reading = false;
            if (failure != null) {
                error.set("Could not read the faults: " + AdminCallException.of(failure).describe());
            } else {
                error.set("");
                apply(answer);
            }
            if (readAgain) {
                readAgain = false;
                refresh();
            }
        }));
    }

    /** Ends {@code row}'s fault on the gateway, then reads the list again. */
    public void clear(FaultRow row) {
        if (refused("fault " + row.faultId() + " was not cleared")) {
            return;
        }
        clear(List.of(row));
    }

    /** Ends every fault listed. */
    public void clearAll() {
        if (refused("no fault was cleared")) {
            return;
        }
        if (faults.isEmpty()) {
            tell("No fault is in force.");
            return;
        }
        clear(List.copyOf(faults));
    }

    // ---- internals -----------------------------------------------------------------------------

    private boolean refused(String what) {
        if (ctx.readOnly()) {
            tell("Read-only mode: " + what + ".");
            return true;
        }
        return false;
    }

    private void clear(List<FaultRow> rows) {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (FaultRow row : rows) {
            answers.add(ctx.api().clearFault(row.faultId()).handle((ok, failure) -> whyNotCleared(row, failure)));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((done, never) ->
                ctx.ui().run(() -> {
                    List<String> failed = answers.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
                    tell(cleared(rows, failed));
                    refresh();
                }));
    }

    /** Null when {@code row}'s fault is gone: cleared now, or already ended (404), which is what the operator wanted. */
    private static String whyNotCleared(FaultRow row, Throwable failure) {
        if (failure == null) {
            return null;
        }
        AdminCallException e = AdminCallException.of(failure);
        return e.status() == 404 ? null : row.faultId() + ": " + e.describe();
    }

    /** {@code Cleared fault f1 (pause on user:zoe); …} or {@code Cleared 2 faults.}, then what could not be cleared. */
    private static String cleared(List<FaultRow> rows, List<String> failed) {
        int ok = rows.size() - failed.size();
        String done = rows.size() == 1 && ok == 1
                ? "Cleared fault " + rows.get(0).faultId() + " (" + rows.get(0).kind() + " on " + rows.get(0).target()
                + "); what it held back is sent now."
                : "Cleared " + ok + (ok == 1 ? " fault." : " faults.");
        return failed.isEmpty() ? done : done + " Could not clear " + String.join("; ", failed);
    }

    private void tell(String text) {
        outcome.set(text);
        ctx.noticeProperty().set(text);
    }

    private void apply(FaultList answer) {
        List<FaultRow> now = new ArrayList<>();
        Map<String, FaultRow> seen = new HashMap<>();
        for (FaultInfo f : answer.faults()) {
            FaultRow row = byId.get(f.faultId());
            if (row == null) {
                row = new FaultRow(f);
            } else {
                row.update(f);
            }
            seen.put(f.faultId(), row);
            now.add(row);
        }
        byId.clear();
        byId.putAll(seen);
        if (!now.equals(faults)) {
            faults.setAll(now);
        }
        countDown();
        int n = faults.size();
        String count = n == 0 ? "No fault in force" : Format.count(n) + (n == 1 ? " fault" : " faults") + " in force";
        status.set(count + " · read " + Format.clock(clock.millis()));
    }

    private void countDown() {
        for (FaultRow row : faults) {
            row.countDown(clock.instant());
        }
    }
}
