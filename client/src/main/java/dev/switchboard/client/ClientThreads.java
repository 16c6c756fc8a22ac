package dev.switchboard.client;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every client of a JVM shares: a pool that runs the clients' serial executors and one
 * timer. Each client's work is short and serial, so the pool is bounded at the core count (at least
 * two): a burst of a thousand reconnects queues instead of spawning a thread per client. Threads are
 * daemons and named, and idle ones end after 30 s.
 *
 * <p>The timer removes a cancelled task at once, so a closed client whose timers were cancelled is
 * not kept reachable by the timer's queue until the task's time comes.
 */
final class ClientThreads {
    static final int POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());
    static final ThreadPoolExecutor POOL = pool();
    static final ScheduledThreadPoolExecutor TIMER = timer();

    private ClientThreads() {
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_SIZE, POOL_SIZE, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("switchboard-client"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("switchboard-client-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
