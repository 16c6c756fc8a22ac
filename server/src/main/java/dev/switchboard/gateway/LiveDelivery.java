package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What happens to a connection's live events between the fanout and its {@link Outbox}: straight
 * through, or through a decorator such as an injected fault ({@code dev.switchboard.faults}). Called
 * under the connection's outbox monitor, by the fanout thread (or the timer thread, for what a
 * decorator sends late), so a decorator needs no lock of its own.
 */
public interface LiveDelivery {
    /** Hands one event on; true if it was queued, or is held to be queued later. */
    boolean deliver(LiveEvent event);

    /** The decorator is being removed: what it still holds goes to the outlet now, in order. */
    default void release() {
    }

    /** What a decorator delivers to. All methods are called under the connection's outbox monitor. */
    interface Outlet {
        /** Queues the event for the socket now and counts it as sent; false if the outbox refused it. */
        boolean queue(LiveEvent event);

        /** Counts a held-back event in the backlog; false if it does not fit (the connection is then cut). */
        boolean hold(LiveEvent event);

        /** A held-back event no longer counts (it was queued or dropped). */
        void unhold(LiveEvent event);

        /** Queues the event after {@code delayMillis}, from the timer thread. */
        void later(LiveEvent event, long delayMillis);

        /** Records that a decorator acted on an event; {@code lost} if it will never be sent. */
        void acted(LiveEvent event, String kind, boolean lost);
    }

    /** Makes a connection's decorator; one per connection, since decorators keep per-connection state. */
    interface Decorator {
        /** Names the decorator, so it can be removed by name. */
        String id();

        LiveDelivery wrap(Outlet outlet);

        /** What the admin API shows about it on the connection's row. */
        ObjectNode describe();
    }
}
