package dev.switchboard.client;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs a client's tasks one at a time, in order, on a shared pool: the client's own thread. */
final class SerialExecutor implements Executor {
    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
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
                System.getLogger(SerialExecutor.class.getName()).log(System.Logger.Level.ERROR, "client task failed", e);
            }
        }
    }
}
