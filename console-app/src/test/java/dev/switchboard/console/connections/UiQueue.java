package dev.switchboard.console.connections;

import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The UI thread of a view-model test without a toolkit: one background thread, as the JavaFX thread
 * is one thread, so the stream, OkHttp and timer callbacks a view model hands to its {@link UiThread}
 * apply one at a time and in order, and the test reads the view model's state there too.
 */
public final class UiQueue implements UiThread, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-ui");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread owner;

    public UiQueue() {
        read(() -> owner = Thread.currentThread());
    }

    @Override
    public void run(Runnable change) {
        if (Thread.currentThread() == owner) {
            change.run();
        } else {
            thread.execute(change);
        }
    }

    /** Reads (or changes) view-model state on the UI thread and waits for it. */
    public <T> T read(Callable<T> reading) {
        if (Thread.currentThread() == owner) {
            try {
                return reading.call();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        try {
            return thread.submit(reading).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the view model", e);
        }
    }

    public void exec(Runnable change) {
        read(() -> {
            change.run();
            return null;
        });
    }

    /** Waits up to 10 s until {@code condition}, evaluated on the UI thread, holds. */
    public void await(String what, BooleanSupplier condition) {
        LiveGateway.await(what, () -> read(condition::getAsBoolean));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
