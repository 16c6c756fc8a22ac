package dev.switchboard.console.shell;

import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.connections.ConnectionRow;
import dev.switchboard.console.events.EventRow;
import dev.switchboard.console.rooms.RoomRow;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages are built on the FX thread when first shown: connecting shows the window with its first page
 * only, and a page opened later shows what the gateway had before it was opened (a device connected,
 * its room, an event published) and what the stream brings after.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowPagesFxTest {
    private static final String FX_THREAD = "JavaFX Application Thread";

    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    /** Which page was built on which thread, in order. */
    private final List<String> built = new CopyOnWriteArrayList<>();
    private Stage stage;
    private ConsoleWindow window;
    private ConnectViewModel start;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        List<PageSpec> pages = new ArrayList<>();
        for (PageSpec real : Pages.all()) {
            pages.add(new PageSpec(real.id(), real.title(), real.hint(), ctx -> {
                built.add(real.id() + " on " + Thread.currentThread().getName());
                return real.factory().apply(ctx);
            }, real.stylesheet()));
        }
        new ConsolePrefs(gw.home()).lastPage("overview");
        window = new ConsoleWindow(stage, gw.home(), pages);
        start = window.showConnect();
        stage.show();
    }

    @Stop
    void stop() {
        window.close();
    }

    @SuppressWarnings("unchecked")
    private <T> boolean tableHas(String table, Class<T> row, Predicate<T> match) {
        TableView<?> t = (TableView<?>) stage.getScene().lookup(table);
        return t != null && t.getItems().stream().anyMatch(r -> match.test((T) row.cast(r)));
    }

    @Test
    void eachPageIsBuiltWhenFirstShownWithWhatTheGatewayAlreadyHad(FxRobot robot) {
        gw.device("zoe", "phone");
        String before = gw.publish("page.before", "res-1", "document:lazy-pages");
        FxPage.run(() -> {
            start.urlProperty().set(gw.httpUrl());
            start.tokenProperty().set(gw.adminToken());
            start.rememberTokenProperty().set(false);
            start.connect();
        });
        FxPage.await("the connected window on its first page", () -> window.main() != null && window.main().pageProperty().get() != null);
        assertThat(FxPage.read(() -> window.main().pageIdProperty().get())).isEqualTo("overview");
        assertThat(built).as("only the page on screen is built").containsExactly("overview on " + FX_THREAD);

        robot.clickOn("#nav-connections");
        FxPage.await("zoe's phone on the Connections page's first visit",
                () -> tableHas("#connectionsTable", ConnectionRow.class, r -> r.userId().equals("zoe")));
        robot.clickOn("#nav-rooms");
        FxPage.await("zoe's own room on the Rooms page's first visit",
                () -> tableHas("#roomsTable", RoomRow.class, r -> r.room().equals("user:zoe")));
        robot.clickOn("#nav-events");
        FxPage.await("the event published before the Events page was opened",
                () -> tableHas("#eventsTable", EventRow.class, r -> r.eventId().equals(before)));
        String after = gw.publish("page.after", "res-2", "document:lazy-pages");
        FxPage.await("an event the stream brought afterwards",
                () -> tableHas("#eventsTable", EventRow.class, r -> r.eventId().equals(after)));

        robot.clickOn("#nav-overview");
        robot.clickOn("#nav-events");
        FxPage.await("the Events page again, its rows kept", () -> tableHas("#eventsTable", EventRow.class, r -> r.eventId().equals(after)));
        assertThat(built).as("each page built once, on the FX thread, when first shown").containsExactly(
                "overview on " + FX_THREAD, "connections on " + FX_THREAD, "rooms on " + FX_THREAD, "events on " + FX_THREAD);
    }
}
