package dev.switchboard.console.overview;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;
import javafx.scene.Parent;

/**
 * The Overview page: node health cards and live charts of the connected gateway, and "Drain node…".
 * Its view model starts collecting the admin stream's stats as soon as the page is built, so the
 * charts already hold the last minutes when the user opens it.
 *
 * <p>Threads: the JavaFX thread (Page's contract).
 */
public final class OverviewPage implements Page {
    private final OverviewViewModel vm;
    private Parent view;

    public OverviewPage(ConsoleContext ctx) {
        this.vm = new OverviewViewModel(ctx);
    }

    public static PageSpec spec() {
        return new PageSpec("overview", "Overview",
                "Node health and live charts: connections, rates, latency, backlog, errors",
                OverviewPage::new);
    }

    @Override
    public Parent view() {
        if (view == null) {
            view = OverviewView.load(new OverviewController(vm));
        }
        return view;
    }

    @Override
    public void activated() {
        vm.activate();
    }

    @Override
    public void deactivated() {
        vm.deactivate();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }
}
