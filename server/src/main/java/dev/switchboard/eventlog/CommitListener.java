package dev.switchboard.eventlog;

import java.util.List;

/**
 * Told of events right after their transaction committed, in log order. Called on the writer thread:
 * an implementation must hand off and return at once (a queue offer), never block or do I/O.
 */
@FunctionalInterface
public interface CommitListener {
    void committed(List<StoredEvent> events, long commitNanoTime);
}
