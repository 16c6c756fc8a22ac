package dev.switchboard.console.events;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;
import javafx.scene.Parent;

/**
 * The Events page: the live stream of published events and delivery failures, with filters,
 * pause, a bounded buffer, saved filters, tracing and a test event. The stream is collected from the
 * moment the page is built, so the page has what happened while another page was shown.
 *
 * <p>Threads: built and called on the JavaFX thread (see {@link Page}).
 */
public final class EventsPage implements Page {
    private final EventsViewModel model;
    private EventsController controller;
    private Parent view;

    public EventsPage(ConsoleContext ctx) {
        this.model = new EventsViewModel(ctx, EventFilterStore.in(ctx.home()));
    }

    public static PageSpec spec() {
        return new PageSpec("events", "Events",
                "Live published events and delivery failures: filter, pause, trace, publish a test event",
                EventsPage::new);
    }

    EventsViewModel model() {
        return model;
    }

    @Override
    public Parent view() {
        if (view == null) {
            controller = new EventsController(model);
            view = EventsView.load(controller);
        }
        return view;
    }

    @Override
    public void activated() {
        model.activated();
    }

    @Override
    public void deactivated() {
        model.deactivated();
    }

    /** An event id from another page: show that event. */
    @Override
    public void open(String argument) {
        if (argument != null && !argument.isBlank()) {
            model.showEvent(argument);
        }
    }

    @Override
    public void focusSearch() {
        if (controller != null) {
            controller.focusSearch();
        }
    }

    @Override
    public void dispose() {
        model.dispose();
    }
}
