package dev.switchboard.console.ui;

import javafx.animation.AnimationTimer;

/**
 * Runs a task on the FX thread after the next frame has been laid out and drawn, not before it as
 * {@code Platform.runLater} may. Two costly steps (a new root's first CSS and layout, then building a
 * page) put apart this way each get a frame of their own instead of holding the thread for both.
 * FX thread only.
 */
public final class NextFrame {
    private NextFrame() {
    }

    public static void run(Runnable task) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                // the first call comes in the pulse that lays out what is pending; the second after it
                if (++frames == 2) {
                    stop();
                    task.run();
                }
            }
        }.start();
    }
}
