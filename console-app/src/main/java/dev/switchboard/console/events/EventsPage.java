package dev.switchboard.console.events;

import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

/**
 * The Events page: the live stream of published events and delivery failures, with filters,
 * pause, a bounded buffer, saved filters, tracing and a test event. The stream is collected from the
 * moment the page is built, so the page has what happened while another page was shown.
 *
 * <p>Threads: built and called on the JavaFX thread (see {@link Page}).
 */
public final class EventsPage {
    private EventsPage() {
    }

    public static PageSpec spec() {
        return new PageSpec("events", "Events",
                "Live published events and delivery failures: filter, pause, trace, publish a test event",
                ctx -> ModelPage.of(new EventsViewModel(ctx, EventFilterStore.in(ctx.home())), EventsController::new,
                        EventsView::load, EventsController::focusSearch), EventsView.STYLESHEET);
    }
}
