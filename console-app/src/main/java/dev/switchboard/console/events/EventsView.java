package dev.switchboard.console.events;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Events page's layout: {@code EventsView.fxml} and {@code events.css}, wired to its controller. */
final class EventsView {
    /**
     * The page's own styles. They are added to the window's scene with every page's
     * ({@link dev.switchboard.console.shell.Pages#stylesheets}), not to the page's root: JavaFX drops a
     * parent's stylesheet, its parsed rules and the style cache built on them each time the page leaves
     * the scene, and would redo them all on the FX thread at every visit.
     */
    static final String STYLESHEET = EventsView.class.getResource("events.css").toExternalForm();

    private EventsView() {
    }

    static Parent load(EventsController controller) {
        return Fxml.load(EventsView.class, controller);
    }
}
