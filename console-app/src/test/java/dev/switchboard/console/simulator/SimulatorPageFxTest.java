package dev.switchboard.console.simulator;

import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Simulator page on screen, headless, against a real gateway: a built-in scenario run by clicking. */
@ExtendWith(ApplicationExtension.class)
class SimulatorPageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private Stage stage;
    private FxPage.Shown<Page> shown;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        shown = FxPage.show(stage, gw, SimulatorPage.spec().factory());
    }

    @AfterEach
    void end() {
        shown.close();
    }

    @Test
    void clickingRunShowsTheDevicesLiveAndEndsWithAPassedVerdict(FxRobot robot) {
        ListView<ScenarioChoice> list = FxPage.lookup(stage, "#scenarioList");
        FxPage.await("the built-in scenarios", () -> list.getItems().size() >= 7);
        robot.clickOn("two-devices-one-account");
        TextArea editor = FxPage.lookup(stage, "#scenarioEditor");
        FxPage.await("its JSON in the editor", () -> editor.getText().contains("\"name\": \"two-devices-one-account\""));

        robot.clickOn("#runButton");
        TableView<DeviceRow> table = FxPage.lookup(stage, "#deviceTable");
        Label phase = FxPage.lookup(stage, "#phaseLabel");
        FxPage.await("three live rows, all connected, while it runs", () -> table.getItems().size() == 3
                && table.getItems().stream().allMatch(r -> r.stateProperty().get().equals("CONNECTED"))
                && phase.getText().startsWith("Running"));
        FxPage.await("the rows drawn", () -> {  // the table draws its cells at the next pulse
            String drawn = visibleText(table);
            return drawn.contains("alice/phone") && drawn.contains("alice/laptop") && drawn.contains("bob/desktop")
                    && drawn.contains("connected");
        });

        Label verdict = FxPage.lookup(stage, "#verdictLabel");
        TextArea report = FxPage.lookup(stage, "#reportText");
        assertThat(text(verdict)).isEqualTo("No verdict yet");
        LiveGateway.await("the verdict", Duration.ofSeconds(45), () -> !text(verdict).equals("No verdict yet"));
        String reportText = FxPage.read(report::getText);
        assertThat(text(verdict)).as(reportText).isEqualTo("PASSED");
        assertThat(FxPage.read(() -> verdict.getStyleClass().contains("state-ok"))).isTrue();
        assertThat(reportText).startsWith("Scenario two-devices-one-account: PASSED");
        assertThat(text(phase)).startsWith("Done · PASSED");
        Label plan = FxPage.lookup(stage, "#planLabel");
        assertThat(FxPage.read(plan::isVisible)).isTrue();
        assertThat(text(plan)).startsWith("run ").contains("touches only names starting sim-").contains("3 device(s)");
        assertThat(FxPage.read(() -> FxPage.<Node>lookup(stage, "#saveReportButton").isDisabled())).isFalse();
    }

    @Test
    void readOnlyHidesRunStopAndChaos() {
        Node run = FxPage.lookup(stage, "#runButton");
        assertThat(FxPage.read(run::isVisible)).isTrue();
        FxPage.run(() -> shown.ctx().readOnlyProperty().set(true));
        for (String id : new String[] {"#runButton", "#stopButton", "#chaosBar", "#chaosButton"}) {
            Node n = FxPage.lookup(stage, id);
            assertThat(FxPage.read(() -> n.isVisible() && n.getParent().isVisible() && n.isManaged())).as(id).isFalse();
        }
        assertThat(FxPage.read(() -> FxPage.<Node>lookup(stage, "#reportText").isVisible())).isTrue();
    }

    private static String text(Label label) {
        return FxPage.read(label::getText);
    }

    /** The text of every cell the table shows. */
    private static String visibleText(TableView<?> table) {
        StringBuilder b = new StringBuilder();
        table.lookupAll(".table-cell").forEach(n -> b.append(((Labeled) n).getText()).append(' '));
        return b.toString();
    }
}
