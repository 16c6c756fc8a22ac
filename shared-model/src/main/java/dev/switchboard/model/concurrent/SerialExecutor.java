package dev.switchboard.model.concurrent;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs the tasks given to it one at a time, in the order given, on a shared pool: a logical thread
 * that costs no thread of its own. The gateway gives one to each connection (a join that waits on the
 * database delays that connection's later requests, never another's; a leave cannot overtake its
 * join); the SDK gives one to each client (all of a client's state is touched only by its tasks).
 *
 * <p>A task that throws is logged and the next task runs: one bad frame must not stop a connection.
 * Each task happens-before the next (both run under this object's monitor hand-over), so state owned
 * by the executor needs no further locking.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final String what;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(2);
    private boolean running;

    /** @param what names the owner in the log line of a failed task, e.g. "client task" or "request" */
    public SerialExecutor(Executor pool, String what) {
        this.pool = pool;
        this.what = what;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RuntimeException rejected) {
            synchronized (this) {
                tasks.remove(task);
                running = false;
            }
            throw rejected;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, what + " failed", e);
            }
        }
    }
}
