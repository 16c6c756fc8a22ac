package dev.switchboard.console.shell;

import dev.switchboard.console.ui.UiThread;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pages the user has not opened yet in the seconds after connecting, one after the other
 * with a pause between, so that opening one later shows it at once. The building itself happens off
 * the UI thread ({@link MainViewModel#prebuild}, {@link OffscreenPageBuilder}); the pause leaves the
 * CPU to the page on screen and its stream.
 *
 * <p>Threads: decisions on the UI thread; the pauses on the console's timer.
 */
final class ViewPrewarmer {
    static final long PAUSE_MILLIS = 150;

    private final MainViewModel vm;
    private final ScheduledExecutorService timer;
    private final UiThread ui;
    /** Each page is tried once: one that fails to build is built again only when the user opens it. */
    private final Deque<String> left = new ArrayDeque<>();

    ViewPrewarmer(MainViewModel vm, ScheduledExecutorService timer, UiThread ui) {
        this.vm = vm;
        this.timer = timer;
        this.ui = ui;
    }

    /** Starts after {@code delayMillis}; on the UI thread. */
    void start(long delayMillis) {
        left.addAll(vm.unbuilt());
        next(delayMillis);
    }

    private void next(long delayMillis) {
        try {
            timer.schedule(() -> ui.run(() -> {
                String id = vm.closed() ? null : left.poll();
                if (id != null) {
                    vm.prebuild(id).whenComplete((p, e) -> next(PAUSE_MILLIS));
                }
            }), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // disconnected meanwhile: nothing left to build
        }
    }
}
