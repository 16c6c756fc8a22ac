package dev.switchboard.console.simulator;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;
import javafx.scene.Parent;

/**
 * Simulator: for QA, choose or build a scenario of simulated devices, run it against the connected
 * gateway, watch every device live, inject chaos by hand, and read the convergence verdict and the
 * report. A run goes on while other pages are shown; leaving the gateway cancels it. {@link #open}
 * takes a scenario's name.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class SimulatorPage implements Page {
    private final SimulatorViewModel vm;
    private SimulatorController controller;
    private Parent view;

    public SimulatorPage(ConsoleContext ctx) {
        this.vm = new SimulatorViewModel(ctx);
    }

    public static PageSpec spec() {
        return new PageSpec("simulator", "Simulator",
                "Run a scenario of simulated devices against this gateway, inject chaos by hand, see the verdict",
                SimulatorPage::new);
    }

    @Override
    public Parent view() {
        if (view == null) {
            controller = new SimulatorController(vm);
            view = SimulatorView.load(controller);
        }
        return view;
    }

    public SimulatorViewModel viewModel() {
        return vm;
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
    public void open(String argument) {
        vm.scenario().select(argument);
    }

    @Override
    public void focusSearch() {
        view();
        controller.focusScenarios();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }
}
