package dev.switchboard.console.overview;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/**
 * Builds the Overview's view: OverviewView.fxml (next to this class) with its controller, and the
 * page's own stylesheet (overview.css) on its root.
 *
 * <p>Threads: the JavaFX thread.
 */
final class OverviewView {
    private OverviewView() {
    }

    static Parent load(OverviewController controller) {
        Parent root = Fxml.load(OverviewView.class, controller);
        root.getStylesheets().add(OverviewView.class.getResource("overview.css").toExternalForm());
        return root;
    }
}
