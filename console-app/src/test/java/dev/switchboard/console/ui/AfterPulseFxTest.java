package dev.switchboard.console.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second half of a split change runs after a pulse has styled and laid out the first: what the
 * first half put on screen has its skin and its size when the second begins.
 */
@ExtendWith(ApplicationExtension.class)
class AfterPulseFxTest {
    private Stage stage;
    private StackPane root;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        root = new StackPane();
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
    }

    @Test
    void runsOnceTheSceneWasStyledAndLaidOut() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        Platform.runLater(() -> {
            Button shell = new Button("shell");
            root.getChildren().add(shell);
            AfterPulse.run(stage.getScene(), () -> seen.complete("skin " + (shell.getSkin() != null)
                    + ", width " + (shell.getWidth() > 0) + ", FX thread " + Platform.isFxApplicationThread()));
        });
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("skin true, width true, FX thread true");
    }

    @Test
    void runsOnlyOnceWhateverPulsesFollow() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Platform.runLater(() -> {
            root.getChildren().add(new Button("a"));
            AfterPulse.run(stage.getScene(), runs::incrementAndGet);
        });
        for (int i = 0; i < 5; i++) {
            // each change asks for a pulse; the next round waits until that pulse has laid it out
            CompletableFuture<Void> laidOut = new CompletableFuture<>();
            int n = i;
            Platform.runLater(() -> {
                root.getChildren().add(new Button("b" + n));
                AfterPulse.run(stage.getScene(), () -> laidOut.complete(null));
            });
            laidOut.get(10, TimeUnit.SECONDS);
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void aNodeOutOfAnySceneWaitsForTheFirstLayoutOfTheSceneItJoins() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        Button later = new Button("rows");
        Platform.runLater(() -> {
            AfterPulse.afterFirstLayout(later, () -> seen.complete("skin " + (later.getSkin() != null)));
            Platform.runLater(() -> root.getChildren().add(later));
        });
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("skin true");
    }

    @Test
    void aSceneNotOnScreenRunsTheTaskAnyway() throws Exception {
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        Platform.runLater(() -> AfterPulse.run(new Scene(new StackPane(new Button("never shown"))),
                () -> ran.complete(Platform.isFxApplicationThread())));
        assertThat(ran.get(10, TimeUnit.SECONDS)).isTrue();
    }
}
