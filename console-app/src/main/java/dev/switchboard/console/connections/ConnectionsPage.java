package dev.switchboard.console.connections;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

/**
 * Connections: the node's sockets a page at a time, as the gateway filters, sorts and counts them, with
 * each one's rooms, offsets, unsent and unacked events, outgoing buffer, a detail pane, and the operator's actions
 * (disconnect, inject a fault, re-deliver a range). {@link Page#open} takes a filter such as
 * {@code user:alice} or {@code room:document:7}.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class ConnectionsPage {
    private ConnectionsPage() {
    }

    public static PageSpec spec() {
        return new PageSpec("connections", "Connections",
                "Every socket of the node: filter thousands, see unsent and unacked events, disconnect, inject faults",
                ConnectionsPage::create, ConnectionsLayout.STYLESHEET);
    }

    /** The page, with its view model within reach (tests drive it). */
    public static ModelPage<ConnectionsViewModel> create(ConsoleContext ctx) {
        return ModelPage.of(new ConnectionsViewModel(ctx), ConnectionsController::new,
                ConnectionsLayout::load, ConnectionsController::focusFilter);
    }
}
