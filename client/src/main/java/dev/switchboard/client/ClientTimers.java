package dev.switchboard.client;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client's timers on the shared timer: each fires by posting its task to the client's own
 * executor. {@link #close()} cancels every timer still waiting and refuses new ones, so nothing of a
 * closed client stays scheduled (the shared timer would otherwise keep it reachable).
 *
 * <p>Threads: any thread may schedule; the set of waiting timers is guarded by this object.
 */
final class ClientTimers {
    private final Executor owner;
    private final Set<ScheduledFuture<?>> waiting = new HashSet<>();
    private boolean closed;

    ClientTimers(Executor owner) {
        this.owner = owner;
    }

    /** Runs {@code task} on the client's executor after {@code delayMillis}; nothing once closed. */
    void after(long delayMillis, Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            ScheduledFuture<?>[] future = new ScheduledFuture<?>[1];
            future[0] = ClientThreads.TIMER.schedule(() -> {
                synchronized (this) {
                    waiting.remove(future[0]);
                }
                owner.execute(task);
            }, delayMillis, TimeUnit.MILLISECONDS);
            waiting.add(future[0]);
        }
    }

    /** Runs {@code task} on the client's executor every {@code periodMillis} until closed. */
    void every(long periodMillis, Runnable task) {
        after(periodMillis, () -> {
            every(periodMillis, task); // first: a task that throws must not end the series
            task.run();
        });
    }

    void close() {
        synchronized (this) {
            closed = true;
            waiting.forEach(f -> f.cancel(false));
            waiting.clear();
        }
    }

    /** Timers still waiting (for tests: none after {@link #close()}). */
    synchronized int waiting() {
        return waiting.size();
    }
}
