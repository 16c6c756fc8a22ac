package dev.switchboard.console.audit;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;
import javafx.scene.Parent;

/**
 * The Audit page: every admin action the gateway recorded (who disconnected, redelivered, drained,
 * injected or cleared a fault), refreshed while shown.
 *
 * <p>Threads: built and called on the JavaFX thread (see {@link Page}).
 */
public final class AuditPage implements Page {
    private final AuditViewModel model;
    private AuditController controller;
    private Parent view;

    public AuditPage(ConsoleContext ctx) {
        this.model = new AuditViewModel(ctx);
    }

    public static PageSpec spec() {
        return new PageSpec("audit", "Audit", "Who did what through the admin API: disconnects, redeliveries, drains, faults",
                AuditPage::new);
    }

    @Override
    public Parent view() {
        if (view == null) {
            controller = new AuditController(model);
            view = AuditView.load(controller);
        }
        return view;
    }

    @Override
    public void activated() {
        model.activated();
    }

    @Override
    public void deactivated() {
        model.deactivated();
    }

    @Override
    public void focusSearch() {
        if (controller != null) {
            controller.focusSearch();
        }
    }

    @Override
    public void dispose() {
        model.deactivated();
    }
}
