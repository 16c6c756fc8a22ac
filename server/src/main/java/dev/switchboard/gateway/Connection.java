package dev.switchboard.gateway;

/**
 * An open client connection as code outside the gateway may act on it: fault injection decorates its
 * live delivery, or cuts it.
 */
public interface Connection {
    String id();

    String userId();

    /** Puts a decorator between the fanout and the outbox, replacing (and releasing) the one before. */
    void decorate(LiveDelivery.Decorator decorator);

    /** Removes the decorator if it is the one named; what it held is sent now. */
    boolean undecorate(String decoratorId);

    /** Drops the TCP connection without a close frame (the client sees 1006). */
    void drop(String reason);
}
