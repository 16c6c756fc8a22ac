package dev.switchboard.bench;

import java.util.BitSet;
import java.util.List;

/**
 * One connection of the side-by-side benchmark and what it has seen; selector thread only. Subscribers
 * fill the delivery fields, publishers the acknowledgement ones; dialects keep their little state here.
 */
final class PeerLink {
    final int index;
    final List<String> rooms;
    boolean ready;
    /** Joins answered so far (dialects that join room by room). */
    int joins;
    /** The unread tail of a byte stream cut across frames (NATS sends its protocol in arbitrary chunks). */
    byte[] carry;
    /** Sequence numbers of the events received; a second arrival is a duplicate. */
    final BitSet got = new BitSet();
    long duplicates;
    /** Publishers: whether a publish is waiting for its acknowledgement. */
    boolean awaitingAck;

    PeerLink(int index, List<String> rooms) {
        this.index = index;
        this.rooms = rooms;
    }
}
