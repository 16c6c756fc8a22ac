package dev.switchboard.console.connections;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;
import javafx.scene.Parent;

/**
 * Connections: every socket of the node in one filterable table (thousands of rows), with each
 * one's rooms, offsets, lag and outgoing buffer, a detail pane, and the operator's actions
 * (disconnect, inject a fault, re-deliver a range). {@link #open} takes a filter such as
 * {@code user:alice} or {@code room:document:7}.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class ConnectionsPage implements Page {
    private final ConnectionsViewModel vm;
    private ConnectionsController controller;
    private Parent view;

    public ConnectionsPage(ConsoleContext ctx) {
        this.vm = new ConnectionsViewModel(ctx);
    }

    public static PageSpec spec() {
        return new PageSpec("connections", "Connections",
                "Every socket of the node: filter thousands, see lag, disconnect, inject faults",
                ConnectionsPage::new);
    }

    @Override
    public Parent view() {
        if (view == null) {
            controller = new ConnectionsController(vm);
            view = ConnectionsView.load(controller);
        }
        return view;
    }

    public ConnectionsViewModel viewModel() {
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
        vm.open(argument);
    }

    @Override
    public void focusSearch() {
        view();
        controller.focusFilter();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }
}
