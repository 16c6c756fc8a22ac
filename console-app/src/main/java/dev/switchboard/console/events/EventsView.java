package dev.switchboard.console.events;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Events page's layout: {@code EventsView.fxml} and {@code events.css}, wired to its controller. */
final class EventsView {
    private EventsView() {
    }

    static Parent load(EventsController controller) {
        Parent root = Fxml.load(EventsView.class, controller);
        root.getStylesheets().add(EventsView.class.getResource("events.css").toExternalForm());
        return root;
    }
}
