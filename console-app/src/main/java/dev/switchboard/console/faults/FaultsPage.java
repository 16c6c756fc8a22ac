package dev.switchboard.console.faults;

import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

/**
 * The Faults page: the QA faults in force on the node (injected from Connections, the simulator or the
 * admin API), with the time each has left and the connections it acts on, and Clear per fault or all.
 * A page of its own rather than a panel of Connections: a user fault outlives the connections it was
 * injected on and catches new ones, so it belongs to no connection row.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class FaultsPage {
    private FaultsPage() {
    }

    public static PageSpec spec() {
        return new PageSpec("faults", "Faults", "Injected faults in force: what, on whom, for how long; clear them",
                ctx -> ModelPage.of(new FaultsViewModel(ctx), FaultsController::new,
                        FaultsView::load, FaultsController::focusSearch));
    }
}
