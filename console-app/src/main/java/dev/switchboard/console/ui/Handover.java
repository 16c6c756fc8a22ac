package dev.switchboard.console.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link UiThread} of state that is built on another thread and then handed to the UI thread:
 * a page's view model and view, or the whole window of a new connection, built on
 * {@code console-build} so the FX thread never spends a long step on them.
 *
 * <p>Until {@link #handOver()}, the builder owns that state, and every change the services post for it
 * (a stream batch, a REST answer, a notice) waits here in order instead of running on the UI thread,
 * where it would race the builder. {@code handOver()}, called on the UI thread once the builder is
 * done, applies what waited, in order; from then on changes go straight to {@code target}. Changes
 * posted while the queue is being applied are queued behind it, so none overtakes an older one.
 *
 * <p>Threads: {@link #run} from any thread; {@link #handOver()} once, on the UI thread.
 */
public final class Handover implements UiThread {
    private final UiThread target;
    private final Object lock = new Object();
    /** Changes waiting for the hand-over; null once every waiting change has been applied. */
    private List<Runnable> waiting = new ArrayList<>();

    public Handover(UiThread target) {
        this.target = target;
    }

    @Override
    public void run(Runnable change) {
        synchronized (lock) {
            if (waiting != null) {
                waiting.add(change);
                return;
            }
        }
        target.run(change);
    }

    /** On the UI thread: applies the changes that waited, then lets later ones through. */
    public void handOver() {
        drain(true);
    }

    /**
     * Before the hand-over, on the thread that owns the state (the builder): applies what waited so far,
     * in order, there; later changes keep waiting for {@link #handOver()}. The builder uses it to lay
     * out a window with the data its pages asked for.
     */
    public void applyHere() {
        drain(false);
    }

    /** Applies batches until none is left; then, with {@code open}, lets later changes through. */
    private void drain(boolean open) {
        while (true) {
            List<Runnable> batch;
            synchronized (lock) {
                if (waiting == null) {
                    if (open) {
                        return;
                    }
                    throw new IllegalStateException("already handed over: the UI thread owns the state");
                }
                if (waiting.isEmpty()) {
                    if (open) {
                        waiting = null;
                    }
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            batch.forEach(Handover::apply);
        }
    }

    /** As the UI thread treats a failing task: reported, and the next change still runs. */
    private static void apply(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    /** True once {@link #handOver()} has applied everything that waited. */
    public boolean handedOver() {
        synchronized (lock) {
            return waiting == null;
        }
    }
}
