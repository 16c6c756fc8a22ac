package dev.switchboard.console.rooms;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Rooms page's layout: {@code RoomsView.fxml} and {@code rooms.css}, wired to its controller. */
final class RoomsView {
    /**
     * The page's own styles. They are added to the window's scene with every page's
     * ({@link dev.switchboard.console.shell.Pages#stylesheets}), not to the page's root: JavaFX drops a
     * parent's stylesheet, its parsed rules and the style cache built on them each time the page leaves
     * the scene, and would redo them all on the FX thread at every visit.
     */
    static final String STYLESHEET = RoomsView.class.getResource("rooms.css").toExternalForm();

    private RoomsView() {
    }

    static Parent load(RoomsController controller) {
        return Fxml.load(RoomsView.class, controller);
    }
}
