package dev.switchboard.fanout;

/**
 * Carries committed events from the event log to the fanout of every gateway node. The in-process
 * {@link LocalEventBus} serves a single node; a bus over Redis can carry the same batches between
 * nodes without the gateway noticing. Implementations keep each publisher's batches in order.
 */
public interface EventBus extends AutoCloseable {
    /** Told of batches in commit order, on the bus's own delivery thread. */
    @FunctionalInterface
    interface Subscriber {
        void deliver(CommittedBatch batch);
    }

    /** Hands a batch over. Called on the event log's writer thread: never blocks. */
    void publish(CommittedBatch batch);

    /** Starts delivering to {@code subscriber}; called once, before the first publish matters. */
    void subscribe(Subscriber subscriber);

    /** Batches published but not yet handed to the subscriber. */
    int backlog();

    @Override
    void close();
}
