package dev.switchboard.gateway;

import dev.switchboard.config.WebSocketLimits;
import org.java_websocket.WebSocketImpl;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** What a {@link Session} needs from the listener that owns it. */
interface SessionHost {
    WebSocketLimits limits();

    /** Runs requests that may wait on the database; never a socket thread. */
    Executor requestPool();

    ScheduledExecutorService timers();

    /** Tells the selector that the connection has bytes to write. */
    void writeDemand(WebSocketImpl connection);

    void slowConsumer(Session session);

    /** An injected fault acted on one live event (counted, and a drop is traced as injected). */
    void injected(Session session, Subscription sub, long offset, Fault fault);

    /** A live event skipped offsets: an event never reached this node's fanout. */
    void gapSeen(Subscription sub, long lastOffset, long offset);
}
