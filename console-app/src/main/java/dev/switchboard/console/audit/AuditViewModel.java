package dev.switchboard.console.audit;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.Format;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Audit page's state: the last {@value #LIMIT} admin actions from {@code GET /admin/audit},
 * fetched on activation, on Refresh, and every {@value #REFRESH_SECONDS} s while the page is shown
 * and the window is not minimised; a filter over action, admin and target.
 *
 * <p>Threads: the properties and lists belong to the UI thread ({@code ctx.ui()}); answers arrive on
 * HTTP threads and are handed to it; the periodic refresh is scheduled on {@code ctx.timer()}.
 */
public final class AuditViewModel implements PageModel {
    static final int LIMIT = 500;
    static final long REFRESH_SECONDS = 5;

    private final ConsoleContext ctx;
    // UI thread
    private boolean loading;
    private ScheduledFuture<?> refresher;

    // ---- properties ------------------------------------------------------------------------------
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<AuditEntry> shown = new FilteredList<>(entries);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not loaded yet");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper();
    private String refreshedAt = "";

    public AuditViewModel(ConsoleContext ctx) {
        this.ctx = ctx;
        filter.addListener((obs, was, now) -> {
            String part = now == null ? "" : now.trim();
            shown.setPredicate(part.isEmpty() ? null : e -> matches(e, part));
            updateStatus();
        });
    }

    /** The entries the table shows: newest first, through the filter. */
    public FilteredList<AuditEntry> entries() {
        return shown;
    }

    /** Case-insensitive substring over action, admin and target. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** {@code 312 entries, 12 shown · refreshed 10:01:02.003} */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last refresh failed, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    // ---- commands --------------------------------------------------------------------------------

    /** Shown: refresh now and every few seconds until deactivated. */
    @Override
    public void activate() {
        refresh();
        if (refresher == null) {
            refresher = ctx.timer().scheduleWithFixedDelay(() -> {
                if (!ctx.paused()) {
                    ctx.ui().run(this::refresh);
                }
            }, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void deactivate() {
        if (refresher != null) {
            refresher.cancel(false);
            refresher = null;
        }
    }

    public void refresh() {
        if (loading) {
            return;
        }
        loading = true;
        refreshing.set(true);
        ctx.api().audit(LIMIT).whenComplete((answer, failure) -> ctx.ui().run(() -> {
            loading = false;
            refreshing.set(false);
            if (failure != null) {
                error.set("Could not load the audit log: " + AdminCallException.of(failure).describe());
                return;
            }
            List<AuditEntry> fresh = new ArrayList<>();
            answer.entries().forEach(e -> fresh.add(AuditEntry.from(e)));
            if (!fresh.equals(entries)) {
                entries.setAll(fresh);
            }
            error.set("");
            refreshedAt = Format.clock(System.currentTimeMillis());
            updateStatus();
        }));
    }

    // ---- internals -------------------------------------------------------------------------------

    private void updateStatus() {
        String count = Format.count(entries.size()) + (entries.size() == 1 ? " entry" : " entries");
        if (shown.getPredicate() != null) {
            count += ", " + Format.count(shown.size()) + " shown";
        }
        status.set(refreshedAt.isEmpty() ? count : count + " · refreshed " + refreshedAt);
    }

    private static boolean matches(AuditEntry e, String part) {
        String p = part.toLowerCase(Locale.ROOT);
        return e.action().toLowerCase(Locale.ROOT).contains(p)
                || e.admin().toLowerCase(Locale.ROOT).contains(p)
                || e.target().toLowerCase(Locale.ROOT).contains(p);
    }

}
