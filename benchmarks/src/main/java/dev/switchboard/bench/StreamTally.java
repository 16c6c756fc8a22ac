package dev.switchboard.bench;

import dev.switchboard.console.link.StreamListener;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the console's admin stream brings, next to the console's own listeners: snapshots,
 * delta frames, delta items (and those of topic {@code events}), and the deltas the gateway left out
 * because the console fell behind ({@code coalesced}).
 *
 * <p>Threads: called on the stream's reader thread; read from any thread.
 */
final class StreamTally implements StreamListener {
    final AtomicLong snapshots = new AtomicLong();
    final AtomicLong frames = new AtomicLong();
    final AtomicLong items = new AtomicLong();
    final AtomicLong eventItems = new AtomicLong();
    final AtomicLong coalesced = new AtomicLong();

    @Override
    public void snapshot(AdminFrame.Snapshot snapshot) {
        snapshots.incrementAndGet();
    }

    @Override
    public void deltas(List<AdminDelta> list, AdminDelta.Stats stats, long left) {
        frames.incrementAndGet();
        items.addAndGet(list.size());
        coalesced.addAndGet(left);
        long events = 0;
        for (AdminDelta item : list) {
            if ("events".equals(item.topic())) {
                events++;
            }
        }
        eventItems.addAndGet(events);
    }
}
