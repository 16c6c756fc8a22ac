package dev.switchboard.console.tour;

import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.connections.ConnectionRow;
import dev.switchboard.console.shell.ConsoleWindow;
import dev.switchboard.console.shell.MainViewModel;
import dev.switchboard.console.shell.PageSpec;
import dev.switchboard.console.shell.Pages;
import dev.switchboard.console.testing.CutText;
import dev.switchboard.console.testing.DemoStory;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every page of the real console, connected to a real gateway playing {@link DemoStory},
 * to PNG files in {@code screenshots.dir} (target/screenshots by default). The README's screenshot
 * command points it at docs/screenshots:
 * <pre>
 * mvn -B -pl console-app -am verify -Dtest=ScreenshotTourTest -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots.dir=$PWD/docs/screenshots
 * </pre>
 * In the normal test run it also proves that every page renders with live data without failing.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private static final String SMALL = "1024x700";
    private static DemoStory story;
    private final List<String> cutAtSmallSize = new ArrayList<>();
    private ConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setWidth(1440);
        stage.setHeight(900);
        window = new ConsoleWindow(stage, gw.home(), Pages.all());
        stage.show();
    }

    @AfterAll
    static void end() {
        if (story != null) {
            story.close();
        }
    }

    @Test
    void everyPageWithLiveData() throws Exception {
        Path out = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(out);
        story = new DemoStory(gw).play();
        story.trickle(12);

        ConnectViewModel connect = FxPage.read(window::showConnect);
        FxPage.run(() -> {
            connect.urlProperty().set(gw.httpUrl());
            connect.tokenProperty().set(gw.adminToken());
        });
        shoot(out, "connect");
        FxPage.run(connect::connect);
        FxPage.await("the pages", () -> window.main() != null);
        MainViewModel main = window.main();
        long connectedAt = System.currentTimeMillis();

        Map<String, String> arguments = Map.of("trace", story.tracedEventId(), "rooms", DemoStory.DOCUMENT,
                "simulator", "two-devices-one-account");
        // The overview charts the stream from its first visit on; it is shot last, with half a minute of history.
        for (PageSpec spec : main.pages()) {
            FxPage.run(() -> main.show(spec.id(), arguments.get(spec.id())));
            Thread.sleep(3_000); // tables load, the stream flows
            if (spec.id().equals("simulator")) {
                runScenario(); // a finished run: live devices, verdict and report
            }
            if (spec.id().equals("connections")) {
                selectBobsPhone(); // the detail pane, with bob's injected fault
                Thread.sleep(1_000);
            }
            if (!spec.id().equals("overview")) {
                shoot(out, spec.id());
                shootSmall(out, spec.id());
            }
            if (spec.id().equals("events")) {
                searchTheLog(); // the same page searching the gateway's whole log
                shoot(out, "events-search");
                shootSmall(out, "events-search");
                FxPage.run(() -> ((ToggleButton) stage.getScene().lookup("#liveMode")).fire());
            }
        }
        if (main.pages().stream().anyMatch(p -> p.id().equals("trace"))) {
            FxPage.run(() -> main.show("trace", "user:bob"));
            Thread.sleep(3_000);
            shoot(out, "trace-user");
            shootSmall(out, "trace-user");
        }
        FxPage.run(() -> main.show("overview", null));
        Thread.sleep(Math.max(2_000, 30_000 - (System.currentTimeMillis() - connectedAt)));
        shoot(out, "overview");
        shootSmall(out, "overview");
        FxPage.run(() -> main.darkProperty().set(true));
        Thread.sleep(1_000);
        shoot(out, "overview-dark");
        FxPage.run(() -> main.darkProperty().set(false));
        if (!cutAtSmallSize.isEmpty()) {
            Files.writeString(out.resolve(SMALL).resolve("cut-text.txt"), String.join("\n", cutAtSmallSize) + "\n");
        }
        assertThat(cutAtSmallSize).as("text cut at " + SMALL + " (also in " + SMALL + "/cut-text.txt)").isEmpty();
    }

    /**
     * The same page on a small laptop screen, where nothing important may be cut: every text the
     * layout shortened with an ellipsis is collected, written next to the pictures and must be none.
     */
    private void shootSmall(Path out, String name) throws Exception {
        FxPage.run(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        Thread.sleep(700);
        shoot(out.resolve(SMALL), name);
        FxPage.read(() -> CutText.in(stage.getScene().getRoot())).forEach(cut -> cutAtSmallSize.add(name + ": " + cut));
        double needs = FxPage.read(() -> stage.getScene().getRoot().minWidth(-1));
        if (needs > stage.getScene().getWidth()) {
            cutAtSmallSize.add(name + ": the window needs " + Math.round(needs) + " px of width, wider than the screen");
        }
        FxPage.run(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        Thread.sleep(500);
    }

    private void runScenario() {
        // a remote gateway: the console does not know its token secret, the user types it in
        FxPage.run(() -> ((TextInputControl) stage.getScene().lookup("#tokenSecret"))
                .setText(gw.tokenSecret()));
        FxPage.await("the scenario ready to run", () -> !stage.getScene().lookup("#runButton").isDisabled());
        FxPage.run(() -> ((Button) stage.getScene().lookup("#runButton")).fire());
        LiveGateway.await("the simulator's verdict", Duration.ofSeconds(60), () -> FxPage.read(
                () -> ((Label) stage.getScene().lookup("#verdictLabel")).getText()
                        .matches("PASSED|FAILED|CANCELLED")));
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#verdictLabel")).getText()))
                .isEqualTo("PASSED");
    }

    private void searchTheLog() throws InterruptedException {
        FxPage.run(() -> {
            ((ToggleButton) stage.getScene().lookup("#searchMode")).fire();
            ((TextInputControl) stage.getScene().lookup("#typeFilter")).setText("board.*");
            ((Button) stage.getScene().lookup("#searchButton")).fire();
        });
        FxPage.await("a page of the log", () -> ((Label) stage.getScene().lookup("#bufferStatus")).getText().startsWith("Page 1"));
        Thread.sleep(500);
    }

    private void selectBobsPhone() {
        FxPage.run(() -> {
            @SuppressWarnings("unchecked")
            TableView<ConnectionRow> table =
                    (TableView<ConnectionRow>)
                            stage.getScene().lookup("#connectionsTable");
            table.getItems().stream().filter(r -> r.userId().equals("bob")).findFirst().ifPresent(r -> {
                table.getSelectionModel().select(r);
                table.scrollTo(r);
            });
        });
    }

    private void shoot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        WritableImage image = FxPage.read(() -> stage.getScene().snapshot(null));
        Path file = dir.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        assertThat(Files.size(file)).as(file.toString()).isGreaterThan(10_000);
    }
}
