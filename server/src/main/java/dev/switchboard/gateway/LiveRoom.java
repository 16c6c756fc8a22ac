package dev.switchboard.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of one room on this node. The set is read by the fanout thread for every event
 * and changed by joins and leaves; presence changes of the room are serialised on {@link #presence}
 * so every member sees joins, updates and leaves in one order.
 */
final class LiveRoom {
    final String room;
    final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    final Object presence = new Object();
    /** The last offset the fanout handed out in this room (0 until one was): a member's lag is head - sent. */
    volatile long head;

    LiveRoom(String room) {
        this.room = room;
    }
}
