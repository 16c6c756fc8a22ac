package dev.switchboard.console.overview;

import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.testing.WsClient;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Overview page on screen (headless), against a real gateway. */
@ExtendWith(ApplicationExtension.class)
class OverviewPageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private static final String ROOM = "doc:fx-overview";

    private Stage stage;
    private FxPage.Shown<Page> shown;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        shown = FxPage.show(stage, gw, OverviewPage.spec().factory());
    }

    private String text(String id) {
        return FxPage.read(() -> ((Label) stage.getScene().lookup(id)).getText());
    }

    /** The points of a chart's lines, read on the FX thread. */
    private List<Double> values(String tileId) {
        return FxPage.read(() -> {
            TrendTile tile = (TrendTile) stage.getScene().lookup(tileId);
            tile.plot().layout();
            return tile.plot().drawn().stream().flatMap(List::stream).flatMap(List::stream).toList();
        });
    }

    @Test
    void showsTheNodeAndChartsWhatTheGatewayDoes() {
        gw.grant(ROOM, "bob");
        for (String device : List.of("phone", "laptop")) {
            WsClient c = gw.device("bob", device);
            c.join(ROOM);
        }
        FxPage.await("the node's name", () -> text("#nodeNameLabel").equals("test-node"));
        FxPage.await("the node's state", () -> text("#stateLabel").equals("Ready"));
        assertThat(text("#healthLabel")).isEqualTo("Healthy");

        LiveGateway.await("a deliveries/s point above zero", Duration.ofSeconds(15), () -> {
            gw.publish("doc.changed", "doc-fx", ROOM);
            return values("#deliveriesChart").stream().anyMatch(v -> v > 0);
        });
        assertThat(values("#publishesChart")).anyMatch(v -> v > 0);
        assertThat(values("#connectionsChart")).isNotEmpty().anyMatch(v -> v >= 2);
        assertThat(Long.parseLong(text("#connectionsLabel").replace(",", ""))).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aGatewayTheConsoleDoesNotRunHasNoLocalGatewayCard() {
        assertThat(FxPage.read(() -> stage.getScene().lookup("#localGatewayCard"))).as("not on the page at all").isNull();
    }

    @Test
    void theReasonsTableTakesThePlaceOfTheNothingFailedLineWithTheFirstError() {
        assertThat(FxPage.read(() -> stage.getScene().lookup("#reasonsTable"))).as("no table while nothing failed").isNull();
        assertThat(text("#noReasonsLabel")).isEqualTo("Nothing failed yet");
        WsClient careless = gw.device("carol", "phone");
        careless.send("{\"op\":\"no-such-op\",\"ref\":1}");
        FxPage.await("the reasons table with unknown_op", () -> stage.getScene().lookup("#reasonsTable") instanceof TableView<?> t
                && t.getItems().stream().anyMatch(r -> ((ReasonTotal) r).reason().name().equals("unknown_op")));
        assertThat(FxPage.read(() -> stage.getScene().lookup("#noReasonsLabel"))).as("the line is gone").isNull();
    }

    @Test
    void readOnlyHidesTheDrainButton() {
        Button drain = FxPage.lookup(stage, "#drainButton");
        assertThat(FxPage.read(drain::isVisible)).isTrue();
        FxPage.run(() -> shown.ctx().readOnlyProperty().set(true));
        assertThat(FxPage.read(drain::isVisible)).isFalse();
        assertThat(FxPage.read(drain::isManaged)).isFalse();
        FxPage.run(() -> shown.ctx().readOnlyProperty().set(false));
        assertThat(FxPage.read(drain::isVisible)).isTrue();
    }

    @Test
    void drainAsksFirstAndCancelChangesNothing(FxRobot robot) throws Exception {
        FxPage.await("the node's name", () -> text("#nodeNameLabel").equals("test-node"));
        robot.clickOn("#drainButton");
        FxPage.await("the confirmation", () -> robot.lookup("Drain node test-node?").tryQuery().isPresent());
        robot.clickOn("Cancel");
        FxPage.await("the confirmation to close", () -> robot.lookup("Drain node test-node?").tryQuery().isEmpty());
        assertThat(shown.ctx().api().node().get().draining()).isFalse();
        assertThat(text("#stateLabel")).isEqualTo("Ready");
    }
}
