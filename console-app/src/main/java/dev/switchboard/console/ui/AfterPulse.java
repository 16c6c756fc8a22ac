package dev.switchboard.console.ui;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Runs a task once the scene's next pulse has styled and laid out what is on it: a large change
 * split in two this way costs the FX thread two shorter pieces with a frame in between, instead of
 * one long one in which the window cannot repaint.
 */
public final class AfterPulse {
    private AfterPulse() {
    }

    /**
     * Runs {@code task} on the FX thread after the next layout pass of {@code scene}, or soon when the
     * scene is not on screen (no pulse would lay it out); FX thread.
     */
    public static void run(Scene scene, Runnable task) {
        if (scene.getWindow() == null || !scene.getWindow().isShowing()) {
            Platform.runLater(task);
            return;
        }
        Runnable[] listener = new Runnable[1];
        listener[0] = new Runnable() {
            private boolean posted;

            @Override
            public void run() {
                if (posted) {
                    return;
                }
                posted = true;
                // Not removed here: the scene is going through its listeners at this moment.
                Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    task.run();
                });
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse(); // a scene with nothing to redraw would otherwise wait for one
    }

    /**
     * Runs {@code task} once, after the first layout pass of the scene {@code node} joins (at once
     * when it is in a scene already): e.g. a table gets its rows only after the page around it was
     * styled and laid out, so that the page's first frame and its rows' cells are two pieces of work.
     * FX thread.
     */
    public static void afterFirstLayout(Node node, Runnable task) {
        if (node.getScene() != null) {
            run(node.getScene(), task);
            return;
        }
        node.sceneProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Scene> o, Scene was, Scene now) {
                if (now != null) {
                    node.sceneProperty().removeListener(this);
                    run(now, task);
                }
            }
        });
    }
}
