package dev.switchboard.console.trace;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

import java.time.ZoneId;

/**
 * Trace: for support staff answering "why did this user miss that update?". An event id shows what
 * became of the event on every device of every entitled user; {@code user:<id>} shows a user's
 * devices, connections, joins and missed events. Other pages open it with {@link Page#open}: an event
 * id, or {@code user:<id>}. It only reads from the gateway, so read-only mode hides nothing here, and
 * it asks the gateway only when the user searches or refreshes: no timers, no stream listener.
 *
 * <p>Threads: JavaFX thread only (see {@link Page}).
 */
public final class TracePage {
    public static final String ID = "trace";

    private TracePage() {
    }

    public static PageSpec spec() {
        return new PageSpec(ID, "Trace", "Why did a user miss an update? One event to every device, or one user's timeline",
                TracePage::create, TraceView.STYLESHEET);
    }

    private static Page create(ConsoleContext ctx) {
        ZoneId zone = ZoneId.systemDefault();
        return ModelPage.of(new TraceViewModel(ctx, zone), vm -> new TraceController(vm, zone),
                TraceView::load, TraceController::focusSearch);
    }
}
