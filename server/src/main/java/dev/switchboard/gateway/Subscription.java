package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection's membership of one room. Its delivery fields are guarded by the owning
 * {@link Session}'s monitor, which the fanout thread and the request threads both take, so the
 * switch from replay to live delivery is atomic with respect to new events.
 */
final class Subscription {
    enum State {
        /** Joined, replay not sent yet: live events are held back in {@link #held}. */
        RECOVERING,
        LIVE,
        /** Left, revoked, replaced by a re-join or the connection closed: receives nothing more. */
        CLOSED
    }

    /**
     * An event held back: a live event that arrived while the join was still replaying, or one an
     * injected fault holds (then {@code sub} says whose it is, so sending it can advance
     * {@link #sentTo}).
     */
    record Held(Subscription sub, long offset, byte[] frame) {
        Held(long offset, byte[] frame) {
            this(null, offset, frame);
        }
    }

    final Session session;
    final String room;
    /** Names this membership in delivery traces. */
    final String membershipId = "m" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

    // Guarded by session's monitor.
    State state;
    /**
     * The last offset the fanout handed to this connection (or the head it joined at): later events
     * only, in order. An injected fault may still hold some back: see {@link #sentTo}.
     */
    long lastOffset;
    /**
     * The last offset actually queued to the socket: what "delivered to" means in the admin API and
     * traces. Equal to {@link #lastOffset} unless a fault (pause, delay, reorder) holds events back.
     */
    long sentTo;
    List<Held> held;
    /** The first offset sent live (0 until one was): where a membership joined on connect really starts. */
    long firstLive;
    /**
     * Where the membership started: the log's head at a join or at connect, or the {@code after}
     * offset a recovering join replays from. Nothing up to it is owed to the connection, so the
     * figures count it as delivered and acknowledged (docs/admin-api.md, "Progress figures").
     */
    volatile long startedFrom;

    /** Highest offset the client acknowledged (cumulative); written by the connection's request thread. */
    volatile long ackedOffset;

    // Owned by the thread that reports progress to the trace (the timer thread).
    long tracedDelivered = -1;
    long tracedAcked = -1;

    // Guarded by the room's presence lock.
    boolean announced;
    JsonNode presenceState;

    Subscription(Session session, String room, State state, long lastOffset) {
        this.session = session;
        this.room = room;
        this.state = state;
        this.lastOffset = lastOffset;
        this.sentTo = lastOffset;
        this.held = state == State.RECOVERING ? new ArrayList<>() : null;
    }

    @Override
    public String toString() {
        return session.id + "@" + room;
    }
}
