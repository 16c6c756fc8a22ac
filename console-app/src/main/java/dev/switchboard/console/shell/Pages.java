package dev.switchboard.console.shell;

import dev.switchboard.console.audit.AuditPage;
import dev.switchboard.console.connections.ConnectionsPage;
import dev.switchboard.console.events.EventsPage;
import dev.switchboard.console.faults.FaultsPage;
import dev.switchboard.console.overview.OverviewPage;
import dev.switchboard.console.rooms.RoomsPage;
import dev.switchboard.console.simulator.SimulatorPage;
import dev.switchboard.console.trace.TracePage;

import javafx.scene.Scene;

import java.util.List;
import java.util.Objects;

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
                AuditPage.spec(),
                FaultsPage.spec());
    }

    /** The stylesheets of {@code pages}, in order, without duplicates. */
    public static List<String> stylesheets(List<PageSpec> pages) {
        return pages.stream().map(PageSpec::stylesheet).filter(Objects::nonNull).distinct().toList();
    }

    /** Adds the pages' stylesheets to the scene that shows them (after the console's own). */
    public static void addStylesheets(Scene scene, List<PageSpec> pages) {
        for (String css : stylesheets(pages)) {
            if (!scene.getStylesheets().contains(css)) {
                scene.getStylesheets().add(css);
            }
        }
    }
}
