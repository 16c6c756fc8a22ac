package dev.switchboard.model.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one room's events back in offset order when they arrive shuffled, drops duplicates, and
 * holds at most {@code capacity} early events. When the buffer overflows the client has waited long
 * enough: {@link #overflowed()} says it should recover from {@link #cursor()} instead.
 *
 * <p>Not thread-safe: owned by the client that applies events.
 */
public final class ReorderBuffer<T> {
    private final RoomCursor cursor;
    private final TreeMap<Long, T> early = new TreeMap<>();
    private final int capacity;
    private boolean overflowed;
    private long duplicates;

    public ReorderBuffer(RoomCursor cursor, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.cursor = cursor;
        this.capacity = capacity;
    }

    /**
     * Offers one event; answers the events that can now be applied, in offset order (empty when the
     * event was a duplicate or is early). An event of another epoch is refused with
     * {@link IllegalStateException}: that needs a snapshot, not reordering.
     */
    public List<T> offer(String epoch, long offset, T item) {
        RoomCursor.Verdict verdict = cursor.observe(epoch, offset);
        switch (verdict) {
            case EPOCH_CHANGED:
                throw new IllegalStateException("epoch changed from " + cursor.epoch() + " to " + epoch);
            case DUPLICATE:
                duplicates++;
                return List.of();
            case GAP:
                if (early.putIfAbsent(offset, item) != null) {
                    duplicates++;
                } else if (early.size() > capacity) {
                    overflowed = true;
                    early.pollLastEntry();
                }
                return List.of();
            case NEXT:
            default:
                List<T> ready = new ArrayList<>();
                ready.add(item);
                drainContiguous(epoch, ready);
                return ready;
        }
    }

    private void drainContiguous(String epoch, List<T> ready) {
        while (!early.isEmpty()) {
            Map.Entry<Long, T> first = early.firstEntry();
            if (first.getKey() <= cursor.offset()) {
                early.pollFirstEntry();
                duplicates++;
            } else if (cursor.observe(epoch, first.getKey()) == RoomCursor.Verdict.NEXT) {
                ready.add(early.pollFirstEntry().getValue());
            } else {
                return;
            }
        }
    }

    /** The offsets between the cursor and the first early event, when something is missing. */
    public long[] missingRange() {
        if (early.isEmpty()) {
            return new long[0];
        }
        return new long[] {cursor.nextExpected(), early.firstKey() - 1};
    }

    public int waiting() {
        return early.size();
    }

    public boolean overflowed() {
        return overflowed;
    }

    public long duplicatesDropped() {
        return duplicates;
    }

    public RoomCursor cursor() {
        return cursor;
    }
}
