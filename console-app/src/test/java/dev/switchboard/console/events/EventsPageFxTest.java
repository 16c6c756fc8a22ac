package dev.switchboard.console.events;

import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Events page on screen (headless), against a real gateway. */
@ExtendWith(ApplicationExtension.class)
class EventsPageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private Stage stage;
    private FxPage.Shown<Page> shown;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        shown = FxPage.show(stage, gw, EventsPage.spec().factory());
    }

    @SuppressWarnings("unchecked")
    private List<EventRow> tableRows() {
        TableView<EventRow> table = FxPage.lookup(stage, "#eventsTable");
        return FxPage.read(() -> List.copyOf(table.getItems()));
    }

    private boolean tableHas(String eventId) {
        return tableRows().stream().anyMatch(r -> r.eventId().equals(eventId));
    }

    @Test
    void theTableShowsAPublishedEvent() {
        String id = gw.publish("fx.shown", "fx-res", "document:fx-1");
        LiveGateway.await("the event in the table", () -> tableHas(id));
        Label status = FxPage.lookup(stage, "#bufferStatus");
        assertThat(FxPage.read(status::getText)).contains(" kept · ").contains("gateway coalesced");
    }

    @Test
    void typingATypeFilterNarrowsTheRows(FxRobot robot) {
        String alpha = gw.publish("alpha.fx", "fx-a", "document:fx-2");
        String beta = gw.publish("beta.fx", "fx-b", "document:fx-2");
        LiveGateway.await("both events in the table", () -> tableHas(alpha) && tableHas(beta));

        robot.clickOn("#typeFilter").write("alpha.*");
        FxPage.await("only alpha rows", () -> {
            List<EventRow> rows = List.copyOf(((TableView<?>) stage.getScene().lookup("#eventsTable")).getItems())
                    .stream().map(EventRow.class::cast).toList();
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.type().startsWith("alpha."));
        });
        assertThat(tableHas(alpha)).isTrue();
        assertThat(tableHas(beta)).isFalse();
    }

    @Test
    void searchingTheLogFindsAnEventAndSwitchingBackShowsTheLiveStream(FxRobot robot) {
        String old = gw.publish("fx.searched", "fx-needle", "document:fx-3");
        String live = gw.publish("fx.live", "fx-hay", "document:fx-3");
        LiveGateway.await("the live event in the table", () -> tableHas(live));

        robot.clickOn("#searchMode");
        Node range = FxPage.lookup(stage, "#searchRange");
        assertThat(FxPage.read(range::isVisible)).as("the search's own fields").isTrue();
        assertThat(FxPage.read(FxPage.lookup(stage, "#liveTools")::isVisible)).as("live tools hidden").isFalse();
        robot.clickOn("#resourceFilter").write("fx-needle");
        robot.clickOn("#searchButton");
        FxPage.await("only the searched event", () -> tableRows().size() == 1 && tableHas(old));
        Label status = FxPage.lookup(stage, "#bufferStatus");
        assertThat(FxPage.read(status::getText)).startsWith("Page 1 · 1 event");

        robot.clickOn("#liveMode");
        FxPage.await("the live buffer again, through the same filter", () -> tableHas(old) && !tableHas(live));
        assertThat(FxPage.read(status::getText)).contains(" kept · ");
    }

    @Test
    void readOnlyHidesThePublishButton(FxRobot robot) {
        Node publish = FxPage.lookup(stage, "#publishButton");
        assertThat(FxPage.read(publish::isVisible)).isTrue();
        robot.clickOn("#publishButton");
        Node form = FxPage.lookup(stage, "#publishForm");
        FxPage.await("the form open", form::isVisible);

        FxPage.run(() -> shown.ctx().readOnlyProperty().set(true));
        assertThat(FxPage.read(publish::isVisible)).isFalse();
        assertThat(FxPage.read(publish::isManaged)).isFalse();
        assertThat(FxPage.read(form::isVisible)).as("the open form goes too").isFalse();
    }
}
