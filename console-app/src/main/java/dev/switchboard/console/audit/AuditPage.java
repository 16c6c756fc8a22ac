package dev.switchboard.console.audit;

import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

/**
 * The Audit page: every admin action the gateway recorded (who disconnected, redelivered, drained,
 * injected or cleared a fault), refreshed while shown.
 *
 * <p>Threads: built and called on the JavaFX thread (see {@link Page}).
 */
public final class AuditPage {
    private AuditPage() {
    }

    public static PageSpec spec() {
        return new PageSpec("audit", "Audit", "Who did what through the admin API: disconnects, redeliveries, drains, faults",
                ctx -> ModelPage.of(new AuditViewModel(ctx), AuditController::new,
                        AuditView::load, AuditController::focusSearch));
    }
}
