package dev.switchboard.console.trace;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/**
 * The Trace page's view: TraceView.fxml with its controller, and the page's own stylesheet
 * (trace.css) on the root so it travels with the page into any scene.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class TraceView {
    /**
     * The page's own styles. They are added to the window's scene with every page's
     * ({@link dev.switchboard.console.shell.Pages#stylesheets}), not to the page's root: JavaFX drops a
     * parent's stylesheet, its parsed rules and the style cache built on them each time the page leaves
     * the scene, and would redo them all on the FX thread at every visit.
     */
    static final String STYLESHEET = TraceView.class.getResource("trace.css").toExternalForm();

    private TraceView() {
    }

    public static Parent load(TraceController controller) {
        return Fxml.load(TraceView.class, controller);
    }
}
