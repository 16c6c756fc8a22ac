package dev.switchboard.console.testing;

import dev.switchboard.console.ui.UiThread;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The UI thread of a view-model test without a toolkit: one daemon thread applies every change in
 * order, as the JavaFX thread would, so a view model fed by the stream reader, timers and HTTP
 * answers at once is never changed by two threads together. Tests read state and run commands on it
 * with {@link #read} and {@link #call}. Get one from {@link LiveGateway#serialUi()}, or make one for a test without a gateway.
 */
public final class SerialUi implements UiThread, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-ui");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread owner;

    public SerialUi() {
        read(() -> owner = Thread.currentThread());
    }

    /** Runs at once when already on the UI thread, like {@link UiThread#fx()}. */
    @Override
    public void run(Runnable change) {
        if (Thread.currentThread() == owner) {
            change.run();
        } else {
            thread.execute(change);
        }
    }

    /** Reads (or builds) something on the UI thread and waits for it. */
    public <T> T read(Callable<T> reading) {
        try {
            if (Thread.currentThread() == owner) {
                return reading.call();
            }
            return thread.submit(reading).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed on the UI thread", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("could not read on the UI thread", e);
        }
    }

    /** Runs a command on the UI thread and waits for it. */
    public void call(Runnable command) {
        read(() -> {
            command.run();
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
