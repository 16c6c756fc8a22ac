package dev.switchboard.console.faults;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Faults page's layout, {@code FaultsView.fxml}, wired to its controller. */
final class FaultsView {
    private FaultsView() {
    }

    static Parent load(FaultsController controller) {
        return Fxml.load(FaultsView.class, controller);
    }
}
