package dev.switchboard.gateway;

import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs one connection's requests one after another, in arrival order, on a shared pool: a join that
 * waits on the database delays that connection's later requests (a leave must not overtake its join)
 * but no other connection's.
 */
final class SerialExecutor implements Executor {
    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(2);
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
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
        pool.execute(this::drain);
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
                LoggerFactory.getLogger(SerialExecutor.class).error("request failed", e);
            }
        }
    }
}
