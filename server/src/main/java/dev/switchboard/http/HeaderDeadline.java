package dev.switchboard.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Closes a connection whose request headers take longer than {@code http.header-timeout} to arrive,
 * counted from the request's first byte (from the connection's opening for its first request). Jetty's
 * idle timeout alone restarts with every byte, so a client sending a header byte every few seconds
 * would keep a connection, and a slot of {@code http.max-connections}, for ever.
 *
 * <p>Jetty tells it of every connection ({@link Connection.Listener}); the API handler tells it when a
 * request's headers are complete and when its answer is sent. A sweep on Jetty's scheduler, four times
 * per timeout, closes the late ones. Per-connection state is written by Jetty's threads and read by the
 * sweep, hence volatile.
 */
final class HeaderDeadline implements Connection.Listener {
    private final long timeoutNanos;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final Runnable onExpired;
    private final Map<Connection, State> connections = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    private static final class State {
        /** True from the end of a request's headers to the end of its answer: not waiting for headers. */
        volatile boolean inRequest;
        /** Bytes the connection had read when its last answer was sent. */
        volatile long bytesAtLastAnswer;
        /** When the sweep first saw bytes of the next request (or the connection opened); 0: none yet. */
        volatile long waitingSince;
    }

    HeaderDeadline(Duration timeout, Scheduler scheduler, LongSupplier nanoClock, Runnable onExpired) {
        this.timeoutNanos = timeout.toNanos();
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.onExpired = onExpired;
    }

    void start() {
        scheduleSweep();
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void onOpened(Connection connection) {
        State state = new State();
        state.waitingSince = nanoClock.getAsLong();
        connections.put(connection, state);
    }

    @Override
    public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    void headersComplete(Connection connection) {
        State state = connections.get(connection);
        if (state != null) {
            state.inRequest = true;
            state.waitingSince = 0;
        }
    }

    void answered(Connection connection) {
        State state = connections.get(connection);
        if (state != null) {
            state.bytesAtLastAnswer = connection.getBytesIn();
            state.waitingSince = 0;
            state.inRequest = false;
        }
    }

    private void scheduleSweep() {
        if (!stopped) {
            scheduler.schedule(this::sweep, Math.max(50, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4), TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            long now = nanoClock.getAsLong();
            for (Map.Entry<Connection, State> e : connections.entrySet()) {
                State state = e.getValue();
                if (state.inRequest) {
                    continue;
                }
                long since = state.waitingSince;
                if (since == 0) {
                    if (e.getKey().getBytesIn() > state.bytesAtLastAnswer) {
                        state.waitingSince = now;
                    }
                } else if (now - since > timeoutNanos) {
                    connections.remove(e.getKey());
                    onExpired.run();
                    e.getKey().close();
                }
            }
        } finally {
            scheduleSweep();
        }
    }
}
