package dev.switchboard.console.rooms;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Rooms page's layout: {@code RoomsView.fxml} and {@code rooms.css}, wired to its controller. */
final class RoomsView {
    private RoomsView() {
    }

    static Parent load(RoomsController controller) {
        Parent root = Fxml.load(RoomsView.class, controller);
        root.getStylesheets().add(RoomsView.class.getResource("rooms.css").toExternalForm());
        return root;
    }
}
