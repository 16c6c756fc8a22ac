package dev.switchboard.gateway;

/**
 * One live event on its way from the fanout to one connection: the room membership it is for, its
 * offset in the room, and its frame (wire bytes shared with the room's other members).
 */
public final class LiveEvent {
    final Subscription sub;
    final long offset;
    final byte[] frame;

    LiveEvent(Subscription sub, long offset, byte[] frame) {
        this.sub = sub;
        this.offset = offset;
        this.frame = frame;
    }

    public String room() {
        return sub.room;
    }

    public long offset() {
        return offset;
    }

    /** Bytes it takes in the connection's backlog. */
    public int size() {
        return frame.length;
    }
}
