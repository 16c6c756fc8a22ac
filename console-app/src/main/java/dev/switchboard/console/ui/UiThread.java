package dev.switchboard.console.ui;

import javafx.application.Platform;

/**
 * Where view-model state may be changed. In the app it is the JavaFX application thread; in
 * view-model tests it is the calling thread, so those tests need no toolkit. Services never touch
 * JavaFX properties themselves: they hand the change to a {@code UiThread}.
 */
@FunctionalInterface
public interface UiThread {
    void run(Runnable change);

    /** The JavaFX application thread; runs at once when already on it. */
    static UiThread fx() {
        return change -> {
            if (Platform.isFxApplicationThread()) {
                change.run();
            } else {
                Platform.runLater(change);
            }
        };
    }

    /** The caller's thread (view-model tests). */
    static UiThread direct() {
        return Runnable::run;
    }
}
