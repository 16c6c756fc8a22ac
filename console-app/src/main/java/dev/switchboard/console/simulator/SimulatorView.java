package dev.switchboard.console.simulator;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** Loads {@code SimulatorView.fxml} with its controller and the page's own stylesheet. FX thread. */
final class SimulatorView {
    private SimulatorView() {
    }

    static Parent load(SimulatorController controller) {
        Parent root = Fxml.load(SimulatorView.class, controller);
        root.getStylesheets().add(SimulatorView.class.getResource("simulator.css").toExternalForm());
        return root;
    }
}
