package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Principal;
import dev.switchboard.model.concurrent.SerialExecutor;
import dev.switchboard.model.protocol.ServerFrame;
import org.java_websocket.WebSocketImpl;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated WebSocket connection: who it is, the rooms it is in, and the delivery state of
 * each; its bytes go out through its {@link Outbox}.
 *
 * <p>Threads: frames arrive on the library's decoder thread for this connection (always the same one),
 * which owns the rate limiters; requests then run in order on {@link #requests}; the fanout thread
 * and request threads send. Every subscription's delivery state is guarded by the outbox's monitor, so
 * the switch from a join's replay to live delivery is atomic with respect to new events.
 */
final class Session implements Connection {
    final String id;
    final Principal principal;
    final String deviceId;
    final String appVersion;
    final String remoteIp;
    final long connectedAtMillis;
    final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>(4);
    final SerialExecutor requests;
    /** Owned by the connection's decoder thread. */
    final MessageRate messageRate;
    final TokenBucket presenceBudget;
    final WindowCounter badFrames;
    final Outbox outbox;

    private final SessionHost host;
    private final LiveDelivery.Outlet outlet = new Outlet();
    /** Straight to the outbox: what live events go through while no decorator is installed. */
    private final LiveDelivery direct = outlet::queue;

    /** The app series this connection counts under (see {@link ConnectionCounts}); set once it is counted. */
    volatile String appLabel;
    volatile long lastHeardNanos = System.nanoTime();
    volatile ScheduledFuture<?> expiry;

    // Guarded by outbox.
    /** Where live events go while a decorator is installed; unused (direct) while none is. */
    private LiveDelivery live = direct;
    /** The installed decorator, or null. */
    private LiveDelivery.Decorator decorator;

    Session(String id, Principal principal, String deviceId, String appVersion, String remoteIp, WebSocketImpl connection,
            SessionHost host) {
        this.id = id;
        this.principal = principal;
        this.deviceId = deviceId;
        this.appVersion = appVersion;
        this.remoteIp = remoteIp;
        this.connectedAtMillis = System.currentTimeMillis();
        this.host = host;
        long handshakeBytes = connection.getDraft() instanceof GatewayDraft d ? d.handshakeBytes() : 0;
        this.outbox = new Outbox(new LibrarySocket(connection), handshakeBytes, host.limits().maxOutgoingBytes(),
                host.limits().slowConsumerTimeout().toMillis(), host.timers(), backlog -> host.slowConsumer(this, backlog));
        this.requests = new SerialExecutor(host.requestPool(), "request of connection " + id);
        this.messageRate = new MessageRate(host.limits().messagesPerSecond());
        this.presenceBudget = new TokenBucket(host.limits().presencePerSecond(), host.limits().presencePerSecond());
        this.badFrames = new WindowCounter(host.limits().badFramesPerMinute(), 60_000_000_000L);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String userId() {
        return principal.userId();
    }

    // ---- sending ------------------------------------------------------------------------------

    void send(ServerFrame frame) {
        outbox.send(WireFrames.encode(frame));
    }

    void sendBytes(byte[] frame) {
        outbox.send(frame);
    }

    void sendControl(byte[] frame) {
        outbox.sendControl(frame);
    }

    /**
     * Fanout: one live event of a room this connection is in. True if it was queued (or a decorator
     * holds it). The outbox is signalled by the caller once the whole batch is offered.
     */
    boolean deliver(Subscription sub, long offset, byte[] frame, WriteSignals signals) {
        synchronized (outbox) {
            if (outbox.isClosingLocked() || sub.state == Subscription.State.CLOSED || offset <= sub.lastOffset) {
                return false;
            }
            if (sub.state == Subscription.State.RECOVERING) {
                if (outbox.fits(frame.length)) {
                    sub.held.add(new Subscription.Held(offset, frame));
                    outbox.hold(frame.length);
                }
                signals.touched(outbox);
                return false;
            }
            if (offset != sub.lastOffset + 1 && sub.lastOffset > 0) {
                host.gapSeen(sub, sub.lastOffset, offset);
            }
            if (sub.firstLive == 0) {
                sub.firstLive = offset;
            }
            sub.lastOffset = offset;
            signals.touched(outbox);
            if (decorator == null) {
                // The common path allocates nothing per delivery.
                if (!outbox.offer(frame)) {
                    return false;
                }
                sent(sub, offset);
                return true;
            }
            return live.deliver(new LiveEvent(sub, offset, frame));
        }
    }

    /**
     * Ends a join's replay: the replayed events, then the live events held back meanwhile that come
     * after them, then live delivery. Nothing is sent twice and nothing is skipped: held events at or
     * below the last replayed offset were already in the replay.
     */
    void finishRecovery(Subscription sub, List<Subscription.Held> replay, long head) {
        boolean wake;
        synchronized (outbox) {
            if (sub.state != Subscription.State.RECOVERING) {
                return;
            }
            for (Subscription.Held e : replay) {
                if (!outbox.offer(e.frame())) {
                    break;
                }
                sub.lastOffset = e.offset();
            }
            sub.lastOffset = Math.max(sub.lastOffset, head);
            sent(sub, sub.lastOffset);
            for (Subscription.Held e : sub.held) {
                outbox.unhold(e.frame().length);
                if (e.offset() > sub.lastOffset && outbox.offer(e.frame())) {
                    sub.lastOffset = e.offset();
                    sent(sub, e.offset());
                }
            }
            sub.held = null;
            sub.state = Subscription.State.LIVE;
            wake = outbox.signal();
        }
        if (wake) {
            outbox.wake();
        }
        outbox.cutIfOverflowed();
    }

    private static void sent(Subscription sub, long offset) {
        if (sub != null && offset > sub.sentTo) {
            sub.sentTo = offset;
        }
    }

    /** The end of the delivery path: the outbox, as a decorator sees it. Under the outbox monitor. */
    private final class Outlet implements LiveDelivery.Outlet {
        @Override
        public boolean queue(LiveEvent e) {
            if (!outbox.offer(e.frame)) {
                return false;
            }
            sent(e.sub, e.offset);
            return true;
        }

        @Override
        public boolean hold(LiveEvent e) {
            if (!outbox.fits(e.frame.length)) {
                return false; // a paused app that falls too far behind is a slow consumer
            }
            outbox.hold(e.frame.length);
            return true;
        }

        @Override
        public void unhold(LiveEvent e) {
            outbox.unhold(e.frame.length);
        }

        @Override
        public void later(LiveEvent e, long delayMillis) {
            host.timers().schedule(() -> {
                boolean wake;
                synchronized (outbox) {
                    wake = queue(e) && outbox.signal();
                }
                if (wake) {
                    outbox.wake();
                }
                outbox.cutIfOverflowed();
            }, delayMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void acted(LiveEvent e, String kind, boolean lost) {
            host.decorated(Session.this, e.sub, e.offset, kind, lost);
        }
    }

    // ---- decorators (fault injection) ---------------------------------------------------------

    @Override
    public void decorate(LiveDelivery.Decorator d) {
        changeDecorator(() -> {
            live.release();
            live = d.wrap(outlet);
            decorator = d;
        });
    }

    @Override
    public boolean undecorate(String decoratorId) {
        boolean[] removed = new boolean[1];
        changeDecorator(() -> {
            if (decorator != null && decorator.id().equals(decoratorId)) {
                live.release();
                live = direct;
                decorator = null;
                removed[0] = true;
            }
        });
        return removed[0];
    }

    /** Runs a change of decorator under the monitor, then sends what a released decorator queued. */
    private void changeDecorator(Runnable change) {
        boolean wake;
        synchronized (outbox) {
            change.run();
            wake = outbox.signal();
        }
        if (wake) {
            outbox.wake();
        }
        outbox.cutIfOverflowed();
    }

    /** What the installed decorator says about itself, or null. */
    ObjectNode decoration() {
        synchronized (outbox) {
            return decorator == null ? null : decorator.describe();
        }
    }

    // ---- subscriptions ------------------------------------------------------------------------

    /** Stops all delivery of a subscription; true if it was still open. */
    boolean closeSubscription(Subscription sub) {
        synchronized (outbox) {
            if (sub.state == Subscription.State.CLOSED) {
                return false;
            }
            if (sub.held != null) {
                for (Subscription.Held e : sub.held) {
                    outbox.unhold(e.frame().length);
                }
                sub.held = null;
            }
            sub.state = Subscription.State.CLOSED;
            return true;
        }
    }

    boolean isLive(Subscription sub) {
        synchronized (outbox) {
            return sub.state != Subscription.State.CLOSED;
        }
    }

    /** The last offset queued to the socket for this subscription: the admin API's "delivered to". */
    long sentTo(Subscription sub) {
        synchronized (outbox) {
            return sub.sentTo;
        }
    }

    /**
     * What the admin API calls {@code deliveredTo}: the last offset queued to the socket, or where the
     * membership started if nothing was queued since (its earlier events are not owed to it).
     */
    long deliveredTo(Subscription sub) {
        synchronized (outbox) {
            return Math.max(sub.sentTo, sub.startedFrom);
        }
    }

    long firstLive(Subscription sub) {
        synchronized (outbox) {
            return sub.firstLive;
        }
    }

    long backlogBytes() {
        return outbox.backlogBytes();
    }

    // ---- closing ------------------------------------------------------------------------------

    /** Closes with a close frame after what is queued; nothing is queued after it. Any thread, once. */
    void close(int code, String reason) {
        outbox.close(code, reason);
    }

    /** A close this side started, through {@link #close} or by the library itself. */
    void closeInitiated(int code) {
        outbox.closeInitiated(code);
    }

    int closeCodeSent() {
        return outbox.closeCodeSent();
    }

    /** Drops the TCP connection without a close frame (the client sees 1006). */
    @Override
    public void drop(String reason) {
        outbox.drop(reason);
    }

    /** The library reported the connection closed: nothing more is sent. */
    void markClosed() {
        synchronized (outbox) {
            outbox.closed();
            for (Subscription s : subscriptions.values()) {
                s.held = null;
                s.state = Subscription.State.CLOSED;
            }
            live = direct;
            decorator = null;
        }
    }

    @Override
    public String toString() {
        return id + "(" + userId() + "/" + deviceId + ")";
    }
}
