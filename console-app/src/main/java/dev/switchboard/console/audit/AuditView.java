package dev.switchboard.console.audit;

import dev.switchboard.console.ui.Fxml;
import javafx.scene.Parent;

/** The Audit page's layout, {@code AuditView.fxml}, wired to its controller. */
final class AuditView {
    private AuditView() {
    }

    static Parent load(AuditController controller) {
        return Fxml.load(AuditView.class, controller);
    }
}
