package dev.switchboard.console.shell;

import dev.switchboard.console.ui.Theme;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up's throwaway view builds, styles and lays out off the FX thread with the window's
 * stylesheets: a control renamed or an FXML construct it cannot load would make it fail silently
 * (it only logs at debug), and connecting would be slow again without any test noticing.
 */
@ExtendWith(ApplicationExtension.class)
class WarmupFxTest {
    private List<String> stylesheets;

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new StackPane(), 400, 300);
        Theme.addConsoleStyles(scene);
        Pages.addStylesheets(scene, Pages.all());
        stylesheets = List.copyOf(scene.getStylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theThrowawayViewLoadsStylesAndLaysOutOffTheFxThread() {
        assertThat(javafx.application.Platform.isFxApplicationThread()).isFalse();
        assertThat(stylesheets).hasSizeGreaterThan(1);
        assertThat(Warmup.run(stylesheets)).isTrue();
    }
}
