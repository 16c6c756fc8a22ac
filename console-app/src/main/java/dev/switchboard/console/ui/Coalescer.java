package dev.switchboard.console.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands items produced on background threads to the UI thread in batches, at most one batch per
 * {@code gapMillis}. However fast the gateway talks, the UI thread runs one short task a few times a
 * second instead of one per item, so the pulse never waits behind a flood of {@code runLater}s.
 * The queue is bounded: past {@code capacity} the oldest items are dropped and counted, because a
 * console that cannot keep up should show the newest state, not fall ever further behind.
 *
 * <p>Threads: {@link #offer} from any thread; the consumer runs on the {@link UiThread}.
 */
public final class Coalescer<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong lastDrainNanos = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final UiThread ui;
    private final ScheduledExecutorService timer;
    private final long gapNanos;
    private final int capacity;
    private final Consumer<List<T>> consumer;

    public Coalescer(UiThread ui, ScheduledExecutorService timer, long gapMillis, int capacity, Consumer<List<T>> consumer) {
        this.ui = ui;
        this.timer = timer;
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMillis);
        this.capacity = capacity;
        this.consumer = consumer;
    }

    public void offer(T item) {
        queue.add(item);
        if (size.incrementAndGet() > capacity && queue.poll() != null) {
            size.decrementAndGet();
            dropped.incrementAndGet();
        }
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastDrainNanos.get() + gapNanos - System.nanoTime();
            if (wait <= 0 || timer == null) {
                ui.run(this::drain);
            } else {
                timer.schedule(() -> ui.run(this::drain), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Items dropped because the UI fell {@code capacity} behind. */
    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        lastDrainNanos.set(System.nanoTime());
        scheduled.set(false);
        List<T> batch = new ArrayList<>(Math.min(size.get(), capacity));
        T item;
        while ((item = queue.poll()) != null) {
            size.decrementAndGet();
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
