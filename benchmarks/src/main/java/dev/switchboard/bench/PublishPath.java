package dev.switchboard.bench;

/**
 * A peer's natural way in for events, closed-loop with a fixed number in flight: each publish waits for
 * the server's acknowledgement (a 201, a PubAck, an ack) before its slot takes the next.
 */
interface PublishPath extends AutoCloseable {
    /** What one call published. {@code messages}: server-side publishes (NATS takes one per room of an event). */
    record Published(long events, long messages, long errors, String lastError) {
    }

    /** Publishes events [from, from + count) of {@code plan}, waits for every acknowledgement. */
    Published publish(RoomPlan plan, long from, long count) throws Exception;

    @Override
    void close() throws Exception;
}
