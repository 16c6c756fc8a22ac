package dev.switchboard.console.overview;

import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

/**
 * The Overview page: node health cards and live charts of the connected gateway, and "Drain node…".
 * Its view model starts collecting the admin stream's stats as soon as the page is built, so the
 * charts already hold the last minutes when the user opens it.
 *
 * <p>Threads: the JavaFX thread (Page's contract).
 */
public final class OverviewPage {
    private OverviewPage() {
    }

    public static PageSpec spec() {
        return new PageSpec("overview", "Overview",
                "Node health and live charts: connections, rates, latency, backlog, errors",
                ctx -> ModelPage.of(new OverviewViewModel(ctx), OverviewController::new,
                        OverviewView::load, nothingToSearch -> { }), OverviewView.STYLESHEET);
    }
}
