package dev.switchboard.console.shell;

import dev.switchboard.console.audit.AuditPage;
import dev.switchboard.console.connections.ConnectionsPage;
import dev.switchboard.console.events.EventsPage;
import dev.switchboard.console.overview.OverviewPage;
import dev.switchboard.console.rooms.RoomsPage;
import dev.switchboard.console.simulator.SimulatorPage;
import dev.switchboard.console.trace.TracePage;

import java.util.List;

/** Every page of the console, in navigation order (Ctrl+1 is the first). */
public final class Pages {
    private Pages() {
    }

    public static List<PageSpec> all() {
        return List.of(
                OverviewPage.spec(),
                ConnectionsPage.spec(),
                RoomsPage.spec(),
                EventsPage.spec(),
                TracePage.spec(),
                SimulatorPage.spec(),
                AuditPage.spec());
    }
}
