package dev.switchboard.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscriptions of one room on this node. The set is read by the fanout thread for every event
 * and changed by joins and leaves; presence changes of the room are serialised on {@link #presence}
 * so every member sees joins, updates and leaves in one order.
 */
final class LiveRoom {
    final String room;
    final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    final Object presence = new Object();
    /**
     * The room's last offset: the event log's head when a member joined, then each offset the fanout
     * hands out. Read at joins as well as kept by the fanout, because a room first seen after its
     * events (a {@code user:} room joined on connect, a room that emptied and filled again) would
     * otherwise show 0 while its members are at the log's head.
     */
    private final AtomicLong head = new AtomicLong();

    LiveRoom(String room) {
        this.room = room;
    }

    long head() {
        return head.get();
    }

    /** The log's head is at least {@code offset}; never moves back (joins and the fanout race). */
    void advance(long offset) {
        head.accumulateAndGet(offset, Math::max);
    }
}
