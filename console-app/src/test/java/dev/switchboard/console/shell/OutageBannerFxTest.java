package dev.switchboard.console.shell;

import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.testing.FakeAdminApi;
import dev.switchboard.console.testing.FakeFeed;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.ui.Fxml;
import dev.switchboard.console.ui.Theme;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.admin.AdminFrame;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell's outage banner on screen (headless), driven by a faked link: what a user sees and can do. */
@ExtendWith(ApplicationExtension.class)
class OutageBannerFxTest {
    @TempDir
    static Path home;

    private final FakeFeed feed = new FakeFeed();
    private Stage stage;
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        feed.snapshot(new AdminFrame.Snapshot("gw-1", false, null, List.of(), 0, List.of()));
        ConsoleContext ctx = ConsoleContext.of(new FakeAdminApi(), feed, UiThread.fx(), home);
        vm = new MainViewModel(ctx, List.of(), new ConsolePrefs(home));
        Parent view = Fxml.load(MainController.class, new MainController(vm, () -> { }));
        Scene scene = new Scene(view, 1024, 700);
        Theme.addConsoleStyles(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        vm.close();
    }

    private boolean shown(String id) {
        return FxPage.read(() -> stage.getScene().lookup(id).isVisible());
    }

    private boolean contentGreyed() {
        return FxPage.read(() -> stage.getScene().lookup("#content").getStyleClass().contains("stale"));
    }

    @Test
    void aLostLinkShowsTheBannerOverGreyedPagesUntilItIsBack(FxRobot robot) {
        assertThat(shown("#outageBanner")).isFalse();
        assertThat(contentGreyed()).isFalse();

        feed.lost("closed 1006", System.currentTimeMillis() + 8_000);
        FxPage.await("the banner", () -> stage.getScene().lookup("#outageBanner").isVisible());
        assertThat(contentGreyed()).isTrue();
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#outageText")).getText()))
                .startsWith("Gateway unreachable since ").contains("reconnecting in");
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#outageAsOf")).getText())).startsWith("as of ");
        assertThat(shown("#outageTokenRow")).isFalse();
        robot.clickOn("#outageRetry");
        assertThat(feed.retries()).isEqualTo(1);

        feed.snapshot(new AdminFrame.Snapshot("gw-1", false, null, List.of(), 0, List.of()));
        FxPage.await("the banner gone", () -> !stage.getScene().lookup("#outageBanner").isVisible());
        assertThat(contentGreyed()).isFalse();
    }

    @Test
    void aRefusedTokenIsAskedForInTheBanner(FxRobot robot) {
        feed.answerTokens(new CompletableFuture<>());
        feed.state(LinkState.TOKEN_REFUSED, "");
        FxPage.await("the token field", () -> stage.getScene().lookup("#outageTokenRow").isVisible());
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#statusLabel")).getText()))
                .isEqualTo("Admin token refused (expired?)");
        assertThat(shown("#outageRetry")).isFalse();
        Node field = FxPage.lookup(stage, "#outageToken");
        robot.clickOn(field).write("fresh-token");
        robot.clickOn("#outageUseToken");
        FxPage.await("the token handed to the link", () -> feed.tokens().contains("fresh-token"));
    }
}
