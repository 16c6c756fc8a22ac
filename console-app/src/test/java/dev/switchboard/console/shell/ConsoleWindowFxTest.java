package dev.switchboard.console.shell;

import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole window, headless: the start screen connects to a real gateway and the shell runs. */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private ConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new ConsoleWindow(stage, gw.home(), Pages.all());
        window.showConnect();
        stage.show();
    }

    @Stop
    void stop() {
        window.close();
    }

    private String text(String id) {
        return FxPage.read(() -> ((Label) stage.getScene().lookup(id)).getText());
    }

    @Test
    void connectsFromTheStartScreenAndShowsTheLinkInTheStatusBar(FxRobot robot) {
        robot.clickOn("#urlField").eraseText(40);
        FxPage.run(() -> ((TextField) stage.getScene().lookup("#urlField")).setText(gw.httpUrl()));
        robot.clickOn("#tokenField").write(gw.adminToken());
        robot.clickOn("#connectButton");
        FxPage.await("the main window", () -> stage.getScene().lookup("#statusLabel") != null);
        FxPage.await("connected", () -> text("#statusLabel").equals("Connected"));
        assertThat(text("#gatewayLabel")).contains("test-node").contains(gw.httpUrl());
        assertThat(FxPage.read(() -> stage.getScene().lookup("#readOnlyBadge").isVisible())).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);
        FxPage.await("the read-only badge", () -> stage.getScene().lookup("#readOnlyBadge").isVisible());
        assertThat(window.main().context().readOnly()).isTrue();
        robot.clickOn("#readOnlyToggle");
        FxPage.await("read-only off", () -> !stage.getScene().lookup("#readOnlyBadge").isVisible());

        FxPage.await("a stream update in the status bar", () -> text("#streamLabel").startsWith("last update"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        FxPage.await("the Rooms page, built on its first visit", () -> stage.getScene().lookup("#roomsTable") != null);

        robot.clickOn("#disconnectButton");
        FxPage.await("the start screen again", () -> stage.getScene().lookup("#connectButton") != null);
        FxPage.await("the gateway in the recent list", () -> {
            var list = (ListView<?>) stage.getScene().lookup("#recentList");
            return list.getItems().size() == 1 && list.getItems().get(0).toString().contains(gw.httpUrl());
        });
    }

    @Test
    void readOnlyFromTheCommandLineShowsALockedToggle(FxRobot robot) {
        FxPage.run(() -> {
            window.lockReadOnly();
            ((TextField) stage.getScene().lookup("#urlField")).setText(gw.httpUrl());
            ((TextField) stage.getScene().lookup("#tokenField")).setText(gw.adminToken());
            // the other test types its token into an empty field: remember none for it
            ((CheckBox) stage.getScene().lookup("#rememberToken")).setSelected(false);
        });
        robot.clickOn("#connectButton");
        FxPage.await("the main window", () -> stage.getScene().lookup("#readOnlyToggle") != null);
        ToggleButton toggle = FxPage.read(() -> (ToggleButton) stage.getScene().lookup("#readOnlyToggle"));
        assertThat(FxPage.read(toggle::isSelected)).isTrue();
        assertThat(FxPage.read(toggle::isDisabled)).isTrue();
        assertThat(FxPage.read(() -> stage.getScene().lookup("#readOnlyBadge").isVisible())).isTrue();
        Node holder = FxPage.read(() -> stage.getScene().lookup("#readOnlyHolder"));
        assertThat(FxPage.read(() -> (Tooltip) holder.getProperties().get("javafx.scene.control.Tooltip")))
                .extracting(Tooltip::getText).asString().contains("--read-only");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);
        FxPage.run(() -> toggle.fire());
        assertThat(FxPage.read(() -> window.main().context().readOnly())).isTrue();
        assertThat(FxPage.read(toggle::isSelected)).isTrue();
    }

    @Test
    void closingEndsTheLinkTimersAndEveryThreadTheWindowOwns() {
        FxPage.run(() -> {
            ((TextField) stage.getScene().lookup("#urlField")).setText(gw.httpUrl());
            ((TextField) stage.getScene().lookup("#tokenField")).setText(gw.adminToken());
            ((CheckBox) stage.getScene().lookup("#rememberToken")).setSelected(false);
            ((Button) stage.getScene().lookup("#connectButton")).fire();
        });
        FxPage.await("the main window", () -> stage.getScene().lookup("#statusLabel") != null);
        ConsoleContext ctx = FxPage.read(() -> window.main().context());
        FxPage.await("connected", () -> ctx.link().state() == LinkState.CONNECTED);

        FxPage.run(() -> window.close());
        assertThat(window.awaitClosed(Duration.ofSeconds(2))).isTrue();
        assertThat(ctx.timer().isShutdown()).isTrue();
        assertThat(ctx.link().state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(window.httpClient().dispatcher().executorService().isShutdown()).isTrue();
    }

    /** A page that only says which it is, to drive the navigation. */
    private record NamedPage(String name) implements Page {
        @Override
        public Parent view() {
            Label l = new Label(name);
            l.setId("page-" + name);
            return new StackPane(l);
        }
    }

    static List<PageSpec> twoPages() {
        return List.of(new PageSpec("overview", "Overview", "node health", ctx -> new NamedPage("overview")),
                new PageSpec("trace", "Trace", "trace an event", ctx -> new NamedPage("trace")));
    }
}
