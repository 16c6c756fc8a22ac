package dev.switchboard.fanout;

import dev.switchboard.eventlog.StoredEvent;

import java.util.List;

/**
 * Events of one group commit, in log order, as they travel from the event log to the sockets.
 *
 * @param committedAtNanos {@link System#nanoTime()} right after the commit, on the committing node;
 *                         the fanout measures its queue lag from it
 */
public record CommittedBatch(List<StoredEvent> events, long committedAtNanos) {
    public CommittedBatch {
        events = List.copyOf(events);
    }
}
