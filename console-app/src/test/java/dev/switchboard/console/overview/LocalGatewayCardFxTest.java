package dev.switchboard.console.overview;

import dev.switchboard.auth.Principal;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.console.connect.Connection;
import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.ui.UiThread;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Overview of the console's own local gateway (headless): it shows how to reach the gateway and
 * mints tokens to the clipboard (the Overview of any other gateway has no such card: OverviewPageFxTest).
 */
@ExtendWith(ApplicationExtension.class)
class LocalGatewayCardFxTest {
    @TempDir
    static Path home;

    private Stage stage;
    private Connection local;
    private ConsoleContext ctx;
    private Page page;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        local = new GatewayConnector(AdminLink::defaultHttp, home, (s, d) -> {
        }).startLocal().get(30, TimeUnit.SECONDS);
        ctx = new ConsoleContext(local.link(), UiThread.fx(), local.tokenSecret(), home, null, local.local());
        page = OverviewPage.spec().factory().apply(ctx);
        FxPage.show(stage, page);
    }

    @AfterEach
    void close() {
        FxPage.run(page::dispose);
        ctx.close();
        local.local().close();
    }

    @Test
    void showsTheLocalGatewaysUrlsAndCopiesAMintedToken(FxRobot robot) throws Exception {
        VBox card = FxPage.lookup(stage, "#localGatewayCard");
        assertThat(FxPage.read(card::isVisible)).isTrue();
        assertThat(FxPage.read(() -> ((TextField) stage.getScene().lookup("#localHttpField")).getText()))
                .isEqualTo(local.local().httpUrl());
        assertThat(FxPage.read(() -> ((TextField) stage.getScene().lookup("#localWsField")).getText()))
                .isEqualTo(local.local().wsUrl()).startsWith("ws://127.0.0.1:");

        robot.clickOn("#copyWsButton");
        FxPage.await("the WebSocket URL on the clipboard",
                () -> local.local().wsUrl().equals(Clipboard.getSystemClipboard().getString()));

        robot.clickOn("#mintUserField").write("alice");
        ChoiceBox<Role> role = FxPage.lookup(stage, "#mintRoleChoice");
        FxPage.run(() -> role.setValue(Role.ADMIN));
        robot.clickOn("#mintButton");
        String token = FxPage.read(() -> Clipboard.getSystemClipboard().getString());
        Principal p = new TokenVerifier(local.tokenSecret(), Clock.systemUTC()).verify(token);
        assertThat(p.userId()).isEqualTo("alice");
        assertThat(p.role()).isEqualTo(Role.ADMIN);
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#mintMessage")).getText()))
                .startsWith("Copied a token for alice (role admin");
    }
}
