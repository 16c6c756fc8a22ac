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
    /**
     * The page's own styles. They are added to the window's scene with every page's
     * ({@link dev.switchboard.console.shell.Pages#stylesheets}), not to the page's root: JavaFX drops a
     * parent's stylesheet, its parsed rules and the style cache built on them each time the page leaves
     * the scene, and would redo them all on the FX thread at every visit.
     */
    static final String STYLESHEET = OverviewView.class.getResource("overview.css").toExternalForm();

    private OverviewView() {
    }

    static Parent load(OverviewController controller) {
        return Fxml.load(OverviewView.class, controller);
    }
}
