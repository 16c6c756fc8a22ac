package dev.switchboard.console.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A page's periodic refresh: runs {@code tick} at once and then every {@code periodMillis} between
 * {@link #start} (the page is shown) and {@link #stop} (another page is, or the window is
 * minimised), and skips ticks while {@code paused} says the link is paused. The tick itself only
 * starts asynchronous requests and returns.
 *
 * <p>Threads: start/stop from the UI thread; ticks run on the console's timer thread.
 */
public final class ActiveRefresh {
    private static final Logger log = LoggerFactory.getLogger(ActiveRefresh.class);

    private final ScheduledExecutorService timer;
    private final BooleanSupplier paused;
    private final long periodMillis;
    private final Runnable tick;
    private ScheduledFuture<?> task;

    public ActiveRefresh(ScheduledExecutorService timer, BooleanSupplier paused, long periodMillis, Runnable tick) {
        this.timer = timer;
        this.paused = paused;
        this.periodMillis = periodMillis;
        this.tick = tick;
    }

    public synchronized void start() {
        if (task == null && !timer.isShutdown()) {
            task = timer.scheduleWithFixedDelay(this::run, 0, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    public synchronized boolean running() {
        return task != null;
    }

    /** Runs a tick now, on the timer thread (after a change the user made), when started. */
    public void now() {
        if (running() && !timer.isShutdown()) {
            timer.execute(this::run);
        }
    }

    private void run() {
        if (!paused.getAsBoolean()) {
            try {
                tick.run();
            } catch (RuntimeException e) {
                // a failed tick must not cancel the schedule; the next one tries again
                log.warn("refresh failed", e);
            }
        }
    }
}
