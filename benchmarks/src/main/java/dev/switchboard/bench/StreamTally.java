package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.link.StreamListener;

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
    public void snapshot(JsonNode snapshot) {
        snapshots.incrementAndGet();
    }

    @Override
    public void deltas(List<JsonNode> list, JsonNode stats, long left) {
        frames.incrementAndGet();
        items.addAndGet(list.size());
        coalesced.addAndGet(left);
        long events = 0;
        for (JsonNode item : list) {
            if ("events".equals(item.path("topic").asText())) {
                events++;
            }
        }
        eventItems.addAndGet(events);
    }
}
