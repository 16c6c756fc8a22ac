package dev.switchboard.console.shell;

import dev.switchboard.console.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.layout.Pane;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pages the user has not opened yet in the seconds after connecting, in small steps with
 * the UI free in between, so that opening one later costs no more than switching to it. Building a
 * page at once on its first visit held the FX thread 130-190 ms (ConsolePulseBenchmark: FXML loading,
 * then the controls' skins and first CSS pass); here each page is three separate UI tasks at least
 * {@value #STEP_MILLIS} ms apart: its view model, its view (FXML), and its styling, done by adding the
 * view to an invisible holder in the live scene and applying CSS there (which creates the skins).
 *
 * <p>Threads: steps run on the UI thread; the pauses between them on the console's timer.
 */
final class ViewPrewarmer {
    static final long STEP_MILLIS = 150;

    private final MainViewModel vm;
    private final Pane holder;
    private final ScheduledExecutorService timer;
    private final UiThread ui;
    private final Deque<Runnable> steps = new ArrayDeque<>();

    /** {@code holder}: an unmanaged, invisible pane in the window's scene. */
    ViewPrewarmer(MainViewModel vm, Pane holder, ScheduledExecutorService timer, UiThread ui) {
        this.vm = vm;
        this.holder = holder;
        this.timer = timer;
        this.ui = ui;
    }

    /** Starts after {@code delayMillis}; on the UI thread. */
    void start(long delayMillis) {
        for (String id : vm.unbuilt()) {
            steps.add(() -> vm.prepare(id));
            steps.add(() -> {
                Page p = vm.prepare(id);
                if (p != null) {
                    p.view();
                }
            });
            steps.add(() -> style(vm.prepare(id)));
        }
        next(delayMillis);
    }

    private void style(Page p) {
        if (p == null || vm.pageProperty().get() == p) {
            return; // the user opened it meanwhile: it is styled where it is
        }
        Parent view = p.view();
        if (view.getParent() == null) {
            holder.getChildren().setAll(view);
            view.applyCss();
            holder.getChildren().clear();
        }
    }

    private void next(long delayMillis) {
        try {
            timer.schedule(() -> ui.run(() -> {
                Runnable step = vm.closed() ? null : steps.poll();
                if (step != null) {
                    step.run();
                    next(STEP_MILLIS);
                }
            }), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // disconnected meanwhile: nothing left to build
        }
    }
}
