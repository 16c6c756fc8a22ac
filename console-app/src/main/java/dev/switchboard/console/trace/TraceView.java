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
    private TraceView() {
    }

    public static Parent load(TraceController controller) {
        Parent root = Fxml.load(TraceView.class, controller);
        root.getStylesheets().add(TraceView.class.getResource("trace.css").toExternalForm());
        return root;
    }
}
