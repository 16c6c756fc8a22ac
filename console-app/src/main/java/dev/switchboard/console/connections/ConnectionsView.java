package dev.switchboard.console.connections;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Connections page's layout: {@code ConnectionsView.fxml} and {@code connections.css}, wired to its controller. */
final class ConnectionsView {
    private ConnectionsView() {
    }

    static Parent load(ConnectionsController controller) {
        Parent root = Fxml.load(ConnectionsView.class, controller);
        root.getStylesheets().add(ConnectionsView.class.getResource("connections.css").toExternalForm());
        return root;
    }
}
