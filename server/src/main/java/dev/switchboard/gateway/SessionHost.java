package dev.switchboard.gateway;

import dev.switchboard.config.WebSocketLimits;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** What a {@link Session} needs from the listener that owns it. */
interface SessionHost {
    WebSocketLimits limits();

    /** Runs requests that may wait on the database; never a socket thread. */
    Executor requestPool();

    ScheduledExecutorService timers();

    /** The outbox cut the connection: it had {@code backlogBytes} unread. */
    void slowConsumer(Session session, long backlogBytes);

    /**
     * A delivery decorator (an injected fault of {@code kind}) acted on one live event: counted, and
     * an event it will never send is traced as dropped.
     */
    void decorated(Session session, Subscription sub, long offset, String kind, boolean lost);

    /** A live event skipped offsets: an event never reached this node's fanout. */
    void gapSeen(Subscription sub, long lastOffset, long offset);
}
