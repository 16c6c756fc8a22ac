package dev.switchboard.fanout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.List;

/**
 * The single-node bus: an in-process queue drained by one thread, {@code fanout}, which is the only
 * thread that hands events to sockets. One thread keeps every room's events in offset order without
 * locks on the hot path.
 *
 * <p>The queue is unbounded on purpose: the writer must never block or drop a committed event, and
 * what can pile up here is bounded by the log's own admission (its queue capacity and commit rate).
 * Its depth and lag are exported so a fanout that falls behind is visible.
 */
public final class LocalEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(LocalEventBus.class);
    private static final CommittedBatch STOP = new CommittedBatch(List.of(), 0);

    private final LinkedBlockingQueue<CommittedBatch> queue = new LinkedBlockingQueue<>();
    private volatile Thread thread;

    @Override
    public void publish(CommittedBatch batch) {
        queue.add(batch);
    }

    @Override
    public synchronized void subscribe(Subscriber subscriber) {
        if (thread != null) {
            throw new IllegalStateException("the local bus has one subscriber");
        }
        thread = new Thread(() -> run(subscriber), "fanout");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Subscriber subscriber) {
        while (true) {
            CommittedBatch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == STOP) {
                return;
            }
            try {
                subscriber.deliver(batch);
            } catch (RuntimeException e) {
                // A bug in delivery must not stop every later event; clients detect the gap and recover.
                log.error("fanout failed for a batch of {} events starting with {}", batch.events().size(),
                        batch.events().isEmpty() ? "-" : batch.events().get(0).event().id(), e);
            }
        }
    }

    @Override
    public int backlog() {
        return queue.size();
    }

    /** Delivers what was already published, then stops the thread. */
    @Override
    public void close() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        queue.add(STOP);
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
