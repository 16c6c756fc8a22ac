package dev.switchboard.console.shell;

import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up's throwaway view loads off the FX thread: a control renamed or an FXML construct it
 * cannot load would make it fail silently (it only logs at debug), and connecting would be slow again
 * without any test noticing.
 */
@ExtendWith(ApplicationExtension.class)
class WarmupFxTest {
    @Test
    void theThrowawayViewLoadsOffTheFxThread() {
        assertThat(Platform.isFxApplicationThread()).isFalse();
        assertThat(Warmup.run()).isTrue();
    }
}
