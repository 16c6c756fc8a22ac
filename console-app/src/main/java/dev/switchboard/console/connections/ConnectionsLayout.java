package dev.switchboard.console.connections;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Connections page's layout: {@code ConnectionsLayout.fxml} and {@code connections.css}, wired to its controller. */
final class ConnectionsLayout {
    /**
     * The page's own styles. They are added to the window's scene with every page's
     * ({@link dev.switchboard.console.shell.Pages#stylesheets}), not to the page's root: JavaFX drops a
     * parent's stylesheet, its parsed rules and the style cache built on them each time the page leaves
     * the scene, and would redo them all on the FX thread at every visit.
     */
    static final String STYLESHEET = ConnectionsLayout.class.getResource("connections.css").toExternalForm();

    private ConnectionsLayout() {
    }

    static Parent load(ConnectionsController controller) {
        return Fxml.load(ConnectionsLayout.class, controller);
    }
}
