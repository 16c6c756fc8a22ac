package dev.switchboard.gateway;

import dev.switchboard.model.protocol.CloseCodes;
import org.java_websocket.framing.CloseFrame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one outgoing path of a connection: the frames waiting for its socket, how many bytes it has not
 * read yet, writing those frames in few large writes, and the slow-consumer cut (4009).
 *
 * <p>Frames are ready-made wire bytes, shared by every recipient of an event. They wait here, not on
 * the WebSocket library's queue: the library's queue holds one {@linkplain #isMarker marker} for them,
 * beside control frames, the 101 response and the close frame. When the marker reaches the head of
 * the library's queue, the selector thread calls {@link #writePending}, which copies the frames into
 * one direct buffer of the selector thread and writes it: a whole committed batch goes out in one
 * system call, with one copy and no allocation. What the kernel did not take stays here (a frame may
 * be half written: {@link #headWritten}); the marker then stays at the head of the library's queue,
 * unfinished, so the library keeps write interest and nothing overtakes the half-written frame.
 *
 * <p>Offering a frame does not wake the selector: {@link #signal} does, and the fanout calls it once
 * per connection per committed batch (through {@link WriteSignals}), then wakes the selector once.
 * Other senders (requests, presence) use {@link #send}, which signals at once.
 *
 * <p>Threads: any thread offers; the selector thread writes; everything here is guarded by this
 * object's monitor, which is also the lock of the connection's subscriptions (see {@link Session}),
 * except the system call itself, made without it. The library's own monitor on the connection is
 * never taken while holding it (the library calls back into the gateway while holding its monitor),
 * so closes are decided under the monitor and carried out after releasing it.
 *
 * <p>Backlog is exact: bytes queued minus what {@link CountingChannel} saw the kernel accept, plus
 * bytes held back outside the queue (a join's replay, an injected pause), which the holders report
 * through {@link #hold} and {@link #unhold}.
 */
final class Outbox {
    /**
     * Most bytes written for one marker before a new marker goes to the tail of the library's queue:
     * control frames queued meanwhile (a heartbeat ping) go out after this much, not after the whole
     * backlog.
     */
    static final int TURN_BYTES = 128 * 1024;
    /** The selector thread's buffer for {@link #writePending}; direct, so the kernel reads it without a copy. */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    /** Writes bytes to the socket, counting them; the selector thread's side of {@link CountingChannel}. */
    interface Writer {
        long write(ByteBuffer src) throws IOException;
    }

    /** What the outbox tells its connection when it cuts it as a slow consumer. */
    interface CutListener {
        void slowConsumer(long backlogBytes);
    }

    /**
     * The socket as the outbox sees it: the library's outgoing queue and the byte count of what the
     * kernel accepted ({@link LibrarySocket} in production; tests give a plain queue and counter).
     */
    interface Socket {
        /** The library's outgoing queue, written by the selector thread. */
        Queue<ByteBuffer> queue();

        /** Bytes the kernel accepted so far, 101 response included. */
        long written();

        boolean isOpen();

        boolean isClosed();

        /** Asks the selector for write interest; true if it must be woken to see it. */
        boolean wantWrite();

        /** Wakes the selector (one call serves every connection that asked since it last woke). */
        void wake();

        /** Sends a close frame after what is on the queue; the library closes the socket after it. */
        void close(int code, String reason);

        /** Drops the TCP connection without a close frame. */
        void abort(String reason);

        /** Gives write interest back if the library lost it while frames wait (see LibrarySocket). */
        void kickIfStalled();
    }

    private final Socket socket;
    private final long maxBytes;
    private final long cutTimeoutMillis;
    private final ScheduledExecutorService timers;
    private final CutListener cutListener;
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    /** The close code the gateway sent, or 0 while it has not closed the connection itself. */
    private volatile int closeCodeSent;

    // Guarded by this.
    /** Frames waiting for the socket, oldest first; null until first used. */
    private ArrayDeque<byte[]> pending;
    /** Bytes of the first pending frame the kernel already took. */
    private int headWritten;
    /** The marker on the library's queue for the pending frames, or null: then signalling queues one. */
    private ByteBuffer marker;
    private long queuedBytes;
    private long heldBytes;
    private boolean closing;
    private boolean overflowed;

    /** The committed batch that last touched this outbox; fanout thread only (see {@link WriteSignals}). */
    long touchedBy = -1;

    Outbox(Socket socket, long alreadySent, long maxBytes, long cutTimeoutMillis, ScheduledExecutorService timers,
           CutListener cutListener) {
        this.socket = socket;
        // The 101 response went through the same counted channel: without it the backlog would start
        // at minus its length.
        this.queuedBytes = alreadySent;
        this.maxBytes = maxBytes;
        this.cutTimeoutMillis = cutTimeoutMillis;
        this.timers = timers;
        this.cutListener = cutListener;
    }

    // ---- offering ---------------------------------------------------------------------------

    /**
     * Queues a frame without waking the selector; under the monitor. False if the connection is
     * closing, or the frame would take it past {@code ws.max-outgoing-bytes} (then it is marked for
     * the cut, carried out by {@link #cutIfOverflowed} once the monitor is released).
     */
    boolean offer(byte[] frame) {
        if (closing || !socket.isOpen()) {
            return false;
        }
        if (!fits(frame.length)) {
            return false;
        }
        queuedBytes += frame.length;
        if (pending == null) {
            pending = new ArrayDeque<>();
        }
        pending.add(frame);
        return true;
    }

    /** True if {@code bytes} more fit in the backlog; otherwise marks the overflow. Under the monitor. */
    boolean fits(long bytes) {
        if (backlog() + bytes > maxBytes) {
            overflow();
            return false;
        }
        return true;
    }

    /** Queues a frame and has it written soon: for senders other than the fanout. */
    void send(byte[] frame) {
        boolean wake;
        synchronized (this) {
            wake = offer(frame) && signalLocked();
        }
        if (wake) {
            socket.wake();
        }
        cutIfOverflowed();
    }

    /**
     * Puts the flush marker on the library's queue and asks for write interest, if frames are pending
     * and no marker is there yet. True if the selector must be woken: the caller wakes it (the
     * fanout, once for all the connections of a batch).
     */
    boolean signal() {
        synchronized (this) {
            return signalLocked();
        }
    }

    private boolean signalLocked() {
        if (marker != null || pending == null || pending.isEmpty()) {
            return false;
        }
        queueMarker();
        return socket.wantWrite();
    }

    /**
     * A marker is a one-byte buffer that is never written: the library sees it unfinished until
     * {@link #writePending} says it is done (by moving its position to the end), and stops there.
     */
    private void queueMarker() {
        marker = ByteBuffer.allocate(1).asReadOnlyBuffer();
        socket.queue().add(marker);
    }

    /** True for a buffer that may be a marker: the library's queue holds no other read-only one-byte buffer. */
    static boolean mayBeMarker(ByteBuffer b) {
        return b.isReadOnly() && b.capacity() == 1;
    }

    void wake() {
        socket.wake();
    }

    /**
     * A control frame (the heartbeat ping, the pong to a client's ping) goes straight onto the library's
     * queue, ahead of frames still pending here: a client reading a long backlog still answers pings in
     * time. It counts in the backlog and is held to the same limit as any frame: a client that pings
     * and never reads is a slow consumer like any other (4009).
     */
    void sendControl(byte[] frame) {
        boolean wake = false;
        synchronized (this) {
            if (!closing && socket.isOpen() && fits(frame.length)) {
                queuedBytes += frame.length;
                socket.queue().add(ByteBuffer.wrap(frame));
                wake = socket.wantWrite();
            }
        }
        if (wake) {
            socket.wake();
        }
        cutIfOverflowed();
    }

    /** Bytes held back outside the queue (a replay in progress, a paused fault) count in the backlog. */
    void hold(long bytes) {
        heldBytes += bytes;
    }

    void unhold(long bytes) {
        heldBytes -= bytes;
    }

    // ---- the selector's side ----------------------------------------------------------------

    /**
     * Called on the selector thread with the buffer at the head of the library's queue, if it is a
     * marker: writes pending frames, copied into the selector thread's direct buffer, until they are
     * all written, the kernel takes no more, or {@link #TURN_BYTES} went out (then a new marker takes
     * the rest to the tail of the queue). Answers the bytes written. The marker is finished (position
     * at its end, so the library moves on) unless frames wait for the kernel.
     */
    long writePending(ByteBuffer head, Writer out) throws IOException {
        ByteBuffer scratch = SCRATCH.get();
        long total = 0;
        while (true) {
            synchronized (this) {
                if (head != marker || pending == null || pending.isEmpty()) {
                    finish(head);
                    return total;
                }
                scratch.clear();
                if (total < TURN_BYTES) {
                    fill(scratch, false);
                } else if (headWritten > 0) {
                    fill(scratch, true); // the turn is over once the half-written frame is out
                } else {
                    finish(head);
                    queueMarker(); // behind what was queued meanwhile; the selector comes to it in this pass
                    return total;
                }
            }
            scratch.flip();
            int offered = scratch.remaining();
            long n = out.write(scratch); // without the monitor: the fanout keeps offering meanwhile
            total += n;
            synchronized (this) {
                advance(n);
            }
            if (n < offered) {
                return total; // the kernel is full: the marker stays, with write interest
            }
        }
    }

    /**
     * Copies pending frames, from the unwritten part of the first, into {@code scratch}; only (the rest
     * of) the first if {@code firstOnly}. Under the monitor.
     */
    private void fill(ByteBuffer scratch, boolean firstOnly) {
        int skip = headWritten;
        for (byte[] f : pending) {
            int len = Math.min(f.length - skip, scratch.remaining());
            scratch.put(f, skip, len);
            skip = 0;
            if (firstOnly || !scratch.hasRemaining()) {
                return;
            }
        }
    }

    /** Drops what the kernel took from the front of the pending frames. Under the monitor. */
    private void advance(long written) {
        if (pending == null) {
            return; // closed meanwhile
        }
        long left = written;
        while (left > 0) {
            byte[] first = pending.peek();
            int rest = first.length - headWritten;
            if (left < rest) {
                headWritten += (int) left;
                return;
            }
            left -= rest;
            pending.poll();
            headWritten = 0;
        }
    }

    /** Marks the marker done, so the library polls it; under the monitor. */
    private void finish(ByteBuffer head) {
        head.position(head.limit());
        if (head == marker) {
            marker = null;
        }
    }

    void kickIfStalled() {
        socket.kickIfStalled();
    }

    // ---- backlog and the cut ----------------------------------------------------------------

    /** Bytes queued for this connection that it has not read yet, including held-back live events. */
    synchronized long backlogBytes() {
        return backlog();
    }

    private long backlog() {
        return queuedBytes - socket.written() + heldBytes;
    }

    /** Under the monitor: nothing more is queued, and the cut follows. */
    void overflow() {
        closing = true;
        overflowed = true;
    }

    /** Under the monitor. */
    boolean isClosingLocked() {
        return closing;
    }

    /** Carries out a cut decided under the monitor; call after releasing it. */
    void cutIfOverflowed() {
        boolean cut;
        long backlog;
        synchronized (this) {
            cut = overflowed;
            backlog = backlog();
        }
        if (!cut || !closeStarted.compareAndSet(false, true)) {
            return;
        }
        cutListener.slowConsumer(backlog);
        closeCodeSent = CloseCodes.SLOW_CONSUMER;
        // The close frame must follow the data already queued: it joins the library's queue behind
        // the marker, which writes every pending frame first. From the timer thread, never inline:
        // the sender may hold a room's presence lock while the library, closing this connection,
        // holds its monitor and wants that lock.
        synchronized (this) {
            signalLocked();
        }
        timers.execute(this::closeSlowConsumer);
        // The close frame waits behind the queued data; a reader that never reads never sees it.
        timers.schedule(() -> {
            if (!socket.isClosed()) {
                socket.abort("slow consumer did not close in time");
            }
        }, cutTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void closeSlowConsumer() {
        socket.close(CloseCodes.SLOW_CONSUMER, "slow consumer: outgoing buffer full");
    }

    // ---- closing ----------------------------------------------------------------------------

    /**
     * Closes with a close frame that follows everything queued so far; nothing is queued after it.
     * Safe to call from any thread; only the first close (or cut) counts.
     */
    void close(int code, String reason) {
        boolean wake;
        synchronized (this) {
            wake = signalLocked(); // the marker goes ahead of the close frame the library queues
            closing = true;
        }
        if (wake) {
            socket.wake();
        }
        if (closeStarted.compareAndSet(false, true)) {
            closeCodeSent = code;
            socket.close(code, reason);
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
        socket.abort(reason);
    }

    /** The library reported the connection closed: nothing more is sent or held. Under the monitor. */
    void closed() {
        closing = true;
        pending = null;
        headWritten = 0;
        heldBytes = 0;
    }
}
