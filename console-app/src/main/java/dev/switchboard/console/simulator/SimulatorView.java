package dev.switchboard.console.simulator;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** Loads {@code SimulatorView.fxml} with its controller and the page's own stylesheet. FX thread. */
final class SimulatorView {
    /**
     * The page's own styles. They are added to the window's scene with every page's
     * ({@link dev.switchboard.console.shell.Pages#stylesheets}), not to the page's root: JavaFX drops a
     * parent's stylesheet, its parsed rules and the style cache built on them each time the page leaves
     * the scene, and would redo them all on the FX thread at every visit.
     */
    static final String STYLESHEET = SimulatorView.class.getResource("simulator.css").toExternalForm();

    private SimulatorView() {
    }

    static Parent load(SimulatorController controller) {
        return Fxml.load(SimulatorView.class, controller);
    }
}
