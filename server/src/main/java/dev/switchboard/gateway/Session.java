package dev.switchboard.gateway;

import dev.switchboard.auth.Principal;
import dev.switchboard.model.protocol.CloseCodes;
import dev.switchboard.model.protocol.ServerFrame;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One authenticated WebSocket connection: who it is, the rooms it is in, and its outgoing queue.
 *
 * <p>Threads: frames arrive on the library's decoder thread for this connection (always the same one),
 * which owns the rate limiters; requests then run in order on {@link #requests}; the fanout thread
 * and request threads send. Everything that is sent, and every subscription's delivery state, is
 * guarded by this object's monitor. The library's own monitor on the connection is never taken while
 * holding it (the library calls back into the gateway while holding its monitor), so closes are
 * decided under the monitor and carried out after releasing it.
 *
 * <p>Frames go straight onto the library's outgoing queue as ready-made wire bytes (the same array for
 * every recipient of an event), and the unread backlog is tracked in bytes: queued minus what
 * {@link CountingChannel} saw the kernel accept, plus live events held back during a join's replay.
 */
final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    final String id;
    final Principal principal;
    final String deviceId;
    final String appVersion;
    final String remoteIp;
    final long connectedAtMillis;
    final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>(4);
    final SerialExecutor requests;
    /** Owned by the connection's decoder thread. */
    final TokenBucket messageBudget;
    final TokenBucket presenceBudget;
    final WindowCounter badFrames;
    final WindowCounter rateRefusals;

    private final WebSocketImpl connection;
    private final CountingChannel channel;
    private final SessionHost host;
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    /** The close code the gateway sent, or 0 while it has not closed the connection itself. */
    private volatile int closeCodeSent;

    volatile long lastHeardNanos = System.nanoTime();
    volatile ScheduledFuture<?> expiry;

    /** Marks "refill from the pending frames here" in the library's queue; empty, so never written. */
    static final ByteBuffer FLUSH = ByteBuffer.allocate(0).asReadOnlyBuffer();
    static final int CHUNK_BYTES = 64 * 1024;
    static final int REFILL_BYTES = 128 * 1024;

    // Guarded by this.
    /** Frames waiting to be moved onto the library's queue (see {@link #refill}); null until first used. */
    private ArrayDeque<byte[]> pending;
    private boolean flushQueued;
    /** A slow consumer's 4009 waits until its pending frames are on the socket queue. */
    private boolean closeAfterFlush;
    /** An injected delivery fault, or null. */
    private Fault fault;
    private long queuedBytes;
    private long heldBytes;
    private boolean closing;
    private boolean overflowed;

    Session(String id, Principal principal, String deviceId, String appVersion, String remoteIp, WebSocketImpl connection,
            SessionHost host) {
        this.id = id;
        this.principal = principal;
        this.deviceId = deviceId;
        this.appVersion = appVersion;
        this.remoteIp = remoteIp;
        this.connectedAtMillis = System.currentTimeMillis();
        this.connection = connection;
        this.channel = (CountingChannel) connection.getChannel();
        // The 101 response went through the same counted channel: without it the backlog would start
        // at minus its length.
        this.queuedBytes = connection.getDraft() instanceof GatewayDraft d ? d.handshakeBytes() : 0;
        this.host = host;
        this.requests = new SerialExecutor(host.requestPool());
        this.messageBudget = new TokenBucket(host.limits().messagesPerSecond(), 2.0 * host.limits().messagesPerSecond());
        this.presenceBudget = new TokenBucket(host.limits().presencePerSecond(), host.limits().presencePerSecond());
        this.badFrames = new WindowCounter(host.limits().badFramesPerMinute(), 60_000_000_000L);
        this.rateRefusals = new WindowCounter(host.limits().messagesPerSecond(), 1_000_000_000L);
    }

    String userId() {
        return principal.userId();
    }

    WebSocketImpl connection() {
        return connection;
    }

    // ---- sending ------------------------------------------------------------------------------

    void send(ServerFrame frame) {
        sendBytes(WireFrames.encode(frame));
    }

    void sendBytes(byte[] frame) {
        synchronized (this) {
            enqueue(frame);
        }
        cutIfOverflowed();
    }

    /** Fanout: one live event of a room this connection is in. True if it was queued. */
    boolean deliver(Subscription sub, long offset, byte[] frame) {
        boolean queued = false;
        synchronized (this) {
            if (closing || sub.state == Subscription.State.CLOSED || offset <= sub.lastOffset) {
                return false;
            }
            if (sub.state == Subscription.State.RECOVERING) {
                if (backlog() + frame.length > host.limits().maxOutgoingBytes()) {
                    overflow();
                } else {
                    sub.held.add(new Subscription.Held(offset, frame));
                    heldBytes += frame.length;
                }
            } else if (fault != null) {
                if (sub.firstLive == 0) {
                    sub.firstLive = offset;
                }
                sub.lastOffset = offset;
                queued = inject(fault, sub, offset, frame);
            } else if (enqueue(frame)) {
                if (offset != sub.lastOffset + 1 && sub.lastOffset > 0) {
                    host.gapSeen(sub, sub.lastOffset, offset);
                }
                if (sub.firstLive == 0) {
                    sub.firstLive = offset;
                }
                sub.lastOffset = offset;
                sent(sub, offset);
                queued = true;
            }
        }
        cutIfOverflowed();
        return queued;
    }

    /**
     * Ends a join's replay: the replayed events, then the live events held back meanwhile that come
     * after them, then live delivery. Nothing is sent twice and nothing is skipped: held events at or
     * below the last replayed offset were already in the replay.
     */
    void finishRecovery(Subscription sub, List<Subscription.Held> replay, long head) {
        synchronized (this) {
            if (sub.state != Subscription.State.RECOVERING) {
                return;
            }
            for (Subscription.Held e : replay) {
                if (!enqueue(e.frame())) {
                    break;
                }
                sub.lastOffset = e.offset();
            }
            sub.lastOffset = Math.max(sub.lastOffset, head);
            sent(sub, sub.lastOffset);
            for (Subscription.Held e : sub.held) {
                heldBytes -= e.frame().length;
                if (e.offset() > sub.lastOffset && enqueue(e.frame())) {
                    sub.lastOffset = e.offset();
                    sent(sub, e.offset());
                }
            }
            sub.held = null;
            sub.state = Subscription.State.LIVE;
        }
        cutIfOverflowed();
    }

    /** Applies the injected fault to one live event; under the monitor. True if the event was queued. */
    private boolean inject(Fault f, Subscription sub, long offset, byte[] frame) {
        switch (f.kind) {
            case DROP:
                if (f.remaining > 0) {
                    f.remaining--;
                    host.injected(this, sub, offset, f);
                    return false;
                }
                return enqueueSent(sub, offset, frame);
            case DUPLICATE:
                host.injected(this, sub, offset, f);
                return enqueue(frame) && enqueueSent(sub, offset, frame);
            case DELAY:
                host.injected(this, sub, offset, f);
                host.timers().schedule(() -> sendLate(sub, offset, frame), f.delayMs, TimeUnit.MILLISECONDS);
                return true;
            case REORDER:
                host.injected(this, sub, offset, f);
                f.held.add(new Subscription.Held(sub, offset, frame));
                heldBytes += frame.length;
                if (f.held.size() >= f.window) {
                    for (int i = f.held.size() - 1; i >= 0; i--) {
                        Subscription.Held h = f.held.get(i);
                        heldBytes -= h.frame().length;
                        enqueueSent(h.sub(), h.offset(), h.frame());
                    }
                    f.held.clear();
                }
                return true;
            case PAUSE:
            default:
                host.injected(this, sub, offset, f);
                if (backlog() + frame.length > host.limits().maxOutgoingBytes()) {
                    overflow(); // a paused app that falls too far behind is a slow consumer
                    return false;
                }
                f.held.add(new Subscription.Held(sub, offset, frame));
                heldBytes += frame.length;
                return true;
        }
    }

    /** Queues a live event and records it as sent; under the monitor. */
    private boolean enqueueSent(Subscription sub, long offset, byte[] frame) {
        if (!enqueue(frame)) {
            return false;
        }
        sent(sub, offset);
        return true;
    }

    /** An event a {@code delay} fault held: sent now, on the timer thread. */
    private void sendLate(Subscription sub, long offset, byte[] frame) {
        synchronized (this) {
            enqueueSent(sub, offset, frame);
        }
        cutIfOverflowed();
    }

    private static void sent(Subscription sub, long offset) {
        if (sub != null && offset > sub.sentTo) {
            sub.sentTo = offset;
        }
    }

    /** Installs a fault, replacing (and releasing) the one before. */
    void setFault(Fault f) {
        synchronized (this) {
            releaseFault();
            fault = f;
        }
        cutIfOverflowed();
    }

    /** Ends the fault if it is this one: what it held back is sent now, in order. */
    boolean clearFault(String faultId) {
        synchronized (this) {
            if (fault == null || !fault.id.equals(faultId)) {
                return false;
            }
            releaseFault();
        }
        cutIfOverflowed();
        return true;
    }

    synchronized Fault fault() {
        return fault;
    }

    private void releaseFault() {
        Fault f = fault;
        fault = null;
        if (f == null) {
            return;
        }
        for (Subscription.Held h : f.held) {
            heldBytes -= h.frame().length;
            enqueueSent(h.sub(), h.offset(), h.frame());
        }
        f.held.clear();
    }

    /** Stops all delivery of a subscription; true if it was still open. */
    boolean closeSubscription(Subscription sub) {
        synchronized (this) {
            if (sub.state == Subscription.State.CLOSED) {
                return false;
            }
            if (sub.held != null) {
                for (Subscription.Held e : sub.held) {
                    heldBytes -= e.frame().length;
                }
                sub.held = null;
            }
            sub.state = Subscription.State.CLOSED;
            return true;
        }
    }

    synchronized boolean isLive(Subscription sub) {
        return sub.state != Subscription.State.CLOSED;
    }

    /** The last offset queued to the socket for this subscription: the admin API's "delivered to". */
    synchronized long sentTo(Subscription sub) {
        return sub.sentTo;
    }

    synchronized long firstLive(Subscription sub) {
        return sub.firstLive;
    }

    /** Bytes queued for this connection that it has not read yet, including held-back live events. */
    synchronized long backlogBytes() {
        return backlog();
    }

    private long backlog() {
        return queuedBytes - channel.written() + heldBytes;
    }

    private boolean enqueue(byte[] frame) {
        if (closing || !connection.isOpen()) {
            return false;
        }
        if (backlog() + frame.length > host.limits().maxOutgoingBytes()) {
            overflow();
            return false;
        }
        queuedBytes += frame.length;
        if (pending == null) {
            pending = new ArrayDeque<>();
        }
        pending.add(frame);
        if (!flushQueued) {
            flushQueued = true;
            connection.outQueue.add(FLUSH);
            host.writeDemand(connection);
        }
        return true;
    }

    /**
     * Before a close frame: everything pending goes onto the library's queue first, so the close
     * frame (which the library queues itself) follows the data, as PROTOCOL.md §4 asks for 4009.
     * Each frame is wrapped, not copied: this happens once per connection.
     */
    private void flushPending() {
        if (pending == null) {
            return;
        }
        for (byte[] f : pending) {
            connection.outQueue.add(ByteBuffer.wrap(f));
        }
        pending.clear();
        host.writeDemand(connection);
    }

    /**
     * Java-WebSocket clears a connection's write interest after it emptied the queue; a frame queued
     * between that check and the clearing waits for the next write demand. A connection with queued
     * data and no write interest is given one here (the gateway calls this every few milliseconds).
     */
    void kickIfStalled() {
        if (connection.outQueue.isEmpty()) {
            return;
        }
        SelectionKey key = connection.getSelectionKey();
        try {
            if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                host.writeDemand(connection);
            }
        } catch (CancelledKeyException closed) {
            // the connection is gone
        }
    }

    /** A frame the library wrote by itself (the pong to a client's ping), so the backlog stays exact. */
    synchronized void countWrittenByLibrary(long bytes) {
        queuedBytes += bytes;
    }

    /**
     * A control frame (the heartbeat ping) goes straight onto the library's queue, ahead of frames
     * still pending here: a client reading a long backlog still answers pings in time.
     */
    void sendControl(byte[] frame) {
        synchronized (this) {
            if (closing || !connection.isOpen()) {
                return;
            }
            queuedBytes += frame.length;
            connection.outQueue.add(ByteBuffer.wrap(frame));
            host.writeDemand(connection);
        }
    }

    /**
     * Called on the selector thread when the flush marker reaches the head of the library's queue:
     * moves pending frames onto it, copied into buffers of up to {@link #CHUNK_BYTES}, at most
     * {@link #REFILL_BYTES} at a time (then a new marker follows them). So the library's queue holds a
     * few large buffers per connection instead of an object pair per frame, and what a connection
     * costs in memory beyond the shared frames stays small however far behind it is.
     */
    void refill(Queue<ByteBuffer> out) {
        boolean closeNow = false;
        synchronized (this) {
            flushQueued = false;
            if (pending == null || (closing && !closeAfterFlush)) {
                return;
            }
            int budget = REFILL_BYTES;
            while (!pending.isEmpty() && budget > 0) {
                byte[] first = pending.peek();
                if (first.length >= CHUNK_BYTES) {
                    out.add(ByteBuffer.wrap(pending.poll()));
                    budget -= first.length;
                    continue;
                }
                int size = 0;
                int count = 0;
                for (byte[] f : pending) {
                    if (size + f.length > CHUNK_BYTES) {
                        break;
                    }
                    size += f.length;
                    count++;
                }
                byte[] chunk = new byte[size];
                int at = 0;
                for (int i = 0; i < count; i++) {
                    byte[] f = pending.poll();
                    System.arraycopy(f, 0, chunk, at, f.length);
                    at += f.length;
                }
                out.add(ByteBuffer.wrap(chunk));
                budget -= size;
            }
            if (!pending.isEmpty()) {
                flushQueued = true;
                out.add(FLUSH);
            } else if (closeAfterFlush) {
                closeAfterFlush = false;
                closeNow = true;
            }
        }
        if (closeNow) {
            // On the selector thread, holding no lock of ours: the close frame joins the queue behind
            // the data just moved, and the library closes the socket once it is written.
            closeSlowConsumer();
        }
    }

    private void overflow() {
        closing = true;
        overflowed = true;
    }

    private void cutIfOverflowed() {
        boolean cut;
        long backlog;
        synchronized (this) {
            cut = overflowed;
            backlog = backlog();
        }
        if (cut && closeStarted.compareAndSet(false, true)) {
            log.warn("slow consumer: closing connection {} of user {} with {} bytes unread", id, userId(), backlog);
            host.slowConsumer(this);
            closeCodeSent = CloseCodes.SLOW_CONSUMER;
            // The close frame must follow the data already queued. What is still pending here is moved
            // onto the socket queue chunk by chunk as the client reads (refill), and the close goes out
            // after the last chunk; wrapping it all at once would cost an object pair per frame.
            boolean now;
            synchronized (this) {
                now = pending == null || pending.isEmpty();
                closeAfterFlush = !now;
            }
            if (now) {
                // From the timer thread, never inline: the sender may hold a room's presence lock while
                // the library, closing this connection, holds its monitor and wants that lock.
                host.timers().execute(this::closeSlowConsumer);
            }
            // The close frame waits behind the queued data; a reader that never reads never sees it.
            host.timers().schedule(() -> {
                if (!connection.isClosed()) {
                    connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "slow consumer did not close in time");
                }
            }, host.limits().slowConsumerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void closeSlowConsumer() {
        connection.close(CloseCodes.SLOW_CONSUMER, "slow consumer: outgoing buffer full");
    }

    // ---- closing ------------------------------------------------------------------------------

    /** Closes with a close frame; nothing is queued after it. Safe to call from any thread, once. */
    void close(int code, String reason) {
        synchronized (this) {
            flushPending();
            closing = true;
        }
        if (closeStarted.compareAndSet(false, true)) {
            closeCodeSent = code;
            connection.close(code, reason);
        }
    }

    /** A close this side started, through {@link #close} or by the library itself. */
    void closeInitiated(int code) {
        if (closeCodeSent == 0) {
            closeCodeSent = code;
        }
    }

    int closeCodeSent() {
        return closeCodeSent;
    }

    /** Drops the TCP connection without a close frame (the client sees 1006). */
    void drop(String reason) {
        synchronized (this) {
            closing = true;
        }
        if (closeStarted.compareAndSet(false, true)) {
            closeCodeSent = CloseFrame.ABNORMAL_CLOSE;
        }
        connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    }

    /** The library reported the connection closed: nothing more is sent. */
    synchronized void markClosed() {
        closing = true;
        pending = null;
        for (Subscription s : subscriptions.values()) {
            if (s.held != null) {
                s.held = null;
            }
            s.state = Subscription.State.CLOSED;
        }
        heldBytes = 0;
        fault = null;
    }

    @Override
    public String toString() {
        return id + "(" + userId() + "/" + deviceId + ")";
    }
}
