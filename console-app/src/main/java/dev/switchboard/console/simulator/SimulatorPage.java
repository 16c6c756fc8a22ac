package dev.switchboard.console.simulator;

import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

/**
 * Simulator: for QA, choose or build a scenario of simulated devices, run it against the connected
 * gateway, watch every device live, inject chaos by hand, and read the convergence verdict and the
 * report. A run goes on while other pages are shown; leaving the gateway cancels it. {@link Page#open}
 * takes a scenario's name.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class SimulatorPage {
    private SimulatorPage() {
    }

    public static PageSpec spec() {
        return new PageSpec("simulator", "Simulator",
                "Run a scenario of simulated devices against this gateway, inject chaos by hand, see the verdict",
                ctx -> ModelPage.of(new SimulatorViewModel(ctx), SimulatorController::new,
                        SimulatorView::load, SimulatorController::focusScenarios), SimulatorView.STYLESHEET);
    }
}
