package dev.switchboard.console.trace;

import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Trace page headless, against a real gateway playing {@link MissedUpdateStory}: what a support
 * person sees after typing an event id or {@code user:max} into {@code #traceSearch} and pressing
 * Enter, and following a missed event's link to its trace.
 */
@ExtendWith(ApplicationExtension.class)
class TracePageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private static MissedUpdateStory story;
    private Stage stage;

    @BeforeAll
    static void playTheStory() throws Exception {
        story = MissedUpdateStory.play(gw, gw.context(UiThread.direct()));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxPage.show(stage, gw, TracePage.spec().factory());
    }

    private void search(FxRobot robot, String text) {
        robot.clickOn("#traceSearch").write(text).type(KeyCode.ENTER);
    }

    /** Device ("user/device") → the text of its rendered fate cell, once every row is rendered. */
    private Map<String, String> fateCells() {
        return FxPage.read(() -> {
            Map<String, String> cells = new TreeMap<>();
            for (Node n : stage.getScene().lookup("#verdictTable").lookupAll(".fate-cell")) {
                FateCell<?> cell = (FateCell<?>) n;
                Object row = cell.getTableRow() == null ? null : cell.getTableRow().getItem();
                if (row instanceof VerdictRow && cell.getText() != null) {
                    cells.put(((VerdictRow) row).userId() + "/" + ((VerdictRow) row).deviceLabel(), cell.getText());
                }
            }
            return cells;
        });
    }

    /** What the verdict table's "Why / path" column shows for a device. */
    private String whyCell(String deviceId) {
        return FxPage.read(() -> {
            @SuppressWarnings("unchecked")
            TableView<VerdictRow> table = (TableView<VerdictRow>) stage.getScene().lookup("#verdictTable");
            TableColumn<VerdictRow, ?> why = table.getColumns().stream().filter(c -> "Why / path".equals(c.getText()))
                    .findFirst().orElseThrow();
            return table.getItems().stream().filter(r -> deviceId.equals(r.deviceId()))
                    .map(r -> String.valueOf(why.getCellData(r))).findFirst().orElseThrow();
        });
    }

    /** The items of the rows of {@code table} that carry {@code styleClass}. */
    private <T> List<T> rowsWith(String table, String state) {
        return FxPage.read(() -> {
            List<T> items = new ArrayList<>();
            for (Node n : stage.getScene().lookup(table).lookupAll(".table-row-cell")) {
                if (n instanceof TableRow && ((TableRow<?>) n).getItem() != null
                        && n.getPseudoClassStates().contains(PseudoClass.getPseudoClass(state))) {
                    @SuppressWarnings("unchecked")
                    T item = (T) ((TableRow<?>) n).getItem();
                    items.add(item);
                }
            }
            return items;
        });
    }

    @Test
    void typingAnEventIdAndEnterShowsEachDevicesVerdict(FxRobot robot) {
        search(robot, story.eventId);
        LiveGateway.await("a fate cell per device", () -> fateCells().size() == 4);

        assertThat(fateCells()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "zoe/phone", "acked",
                "zoe/laptop", "delivered",
                "zoe/tablet", "missed",
                "max/desktop", "dropped (injected_drop)"));
        List<String> badges = FxPage.read(() -> stage.getScene().lookup("#verdictTable").lookupAll(".injected").stream()
                .filter(Node::isVisible).map(n -> ((Label) n).getText()).toList());
        assertThat(badges).containsExactly("injected (QA)");
        assertThat(whyCell("tablet")).as("closed before the publish").startsWith("offline since ")
                .contains("last closed with");
        assertThat(this.<VerdictRow>rowsWith("#verdictTable", "missed")).extracting(VerdictRow::userId)
                .containsExactly("max");
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#traceSummary")).getText()))
                .isEqualTo("1 acked · 1 delivered · 0 recovered · 0 pending · 1 dropped · 1 missed");
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#traceTitle")).getText()))
                .isEqualTo("Event " + story.eventId);
        assertThat(FxPage.read(() -> ((StepTimeline) stage.getScene().lookup("#traceTimeline")).getChildren().size()))
                .as("received, committed, one fanout, four devices").isEqualTo(7);
        assertThat(FxPage.read(() -> stage.getScene().lookup("#copyAsText").isDisabled())).isFalse();
        screenshot("trace-event");
    }

    @Test
    void theUserTimelineShowsTheMissedEventHighlightedAndItsLinkOpensTheTrace(FxRobot robot) {
        search(robot, "user:max");
        LiveGateway.await("max's missed event", () -> !this.rowsWith("#missedTable", "missed").isEmpty());

        assertThat(this.<UserTimelineReport.MissedEvent>rowsWith("#missedTable", "missed"))
                .extracting(UserTimelineReport.MissedEvent::eventId).containsExactly(story.eventId);
        assertThat(FxPage.read(() -> {
            TreeTableView<?> tree = (TreeTableView<?>) stage.getScene().lookup("#timelineTree");
            return ((TimelineItem) tree.getRoot().getChildren().get(0).getValue()).what();
        })).isEqualTo("desktop");
        assertThat(FxPage.read(() -> stage.getScene().lookup("#missedTable").lookupAll(".injected").stream()
                .map(n -> ((Label) n).getText()).toList())).containsExactly("injected (QA)");
        screenshot("trace-user");

        Hyperlink link = FxPage.read(() -> (Hyperlink) stage.getScene().lookup("#missedTable").lookup(".hyperlink"));
        robot.clickOn(link);
        LiveGateway.await("the missed event's trace", () -> fateCells().size() == 4);
        assertThat(FxPage.read(() -> ((TextField) stage.getScene().lookup("#traceSearch")).getText())).isEqualTo(story.eventId);
        assertThat(FxPage.read(() -> stage.getScene().lookup("#eventView").isVisible())).isTrue();
    }

    @Test
    void anUnknownEventIdSaysSo(FxRobot robot) {
        search(robot, "01NOSUCHEVENT");
        FxPage.await("the not-found message",
                () -> ((Label) stage.getScene().lookup("#traceMessage")).getText().equals("No event with id 01NOSUCHEVENT in the log."));
        assertThat(FxPage.read(() -> stage.getScene().lookup("#eventView").isVisible())).isFalse();
        assertThat(FxPage.read(() -> stage.getScene().lookup("#emptyView").isVisible())).isTrue();
        assertThat(FxPage.read(() -> stage.getScene().lookup("#copyAsText").isDisabled())).isTrue();
    }

    /** Renders the scene to {@code <trace.screenshots>/<name>.png} when that property is set (for a look at the layout). */
    private void screenshot(String name) {
        String dir = System.getProperty("trace.screenshots");
        if (dir == null) {
            return;
        }
        FxPage.run(() -> {
            try {
                new File(dir).mkdirs();
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", new File(dir, name + ".png"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
