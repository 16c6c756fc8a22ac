package dev.switchboard.gateway;

import org.java_websocket.WebSocketImpl;
import org.java_websocket.WrappedByteChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The socket as the WebSocket library sees it. It does what the library does not:
 * <ul>
 *   <li>lets a session's {@link Outbox} write its pending frames when its marker reaches the head of
 *       the queue (see {@link Outbox#writePending});</li>
 *   <li>counts the bytes the kernel accepted, so a connection's unread backlog is known exactly
 *       (bytes queued minus bytes written) and a slow reader can be cut at a byte limit;</li>
 *   <li>writes the connection's queued buffers with one gathering {@code write} instead of one system
 *       call per buffer;</li>
 *   <li>holds the head of the upgrade request to {@code ws.max-handshake-bytes} ({@link UpgradeHead}):
 *       a longer one is answered 431 and reads as the end of the stream, so the library closes;</li>
 *   <li>gives the connection's {@link SocketSlots} slot back when the socket is really closed.</li>
 * </ul>
 * Bytes go through a {@link Wire}: the socket itself, or TLS ({@link TlsWire}). Either way the count is
 * of WebSocket bytes, the unit frames are queued in; with TLS a byte counts once it is encrypted, at
 * most one TLS record before the kernel took it. The {@link WrappedByteChannel} methods let the
 * library's selector loop send and hand out what the wire buffers itself (nothing for plain sockets).
 * Only the selector thread writes; {@link #written()} is read by any thread.
 */
final class CountingChannel implements ByteChannel, WrappedByteChannel {
    private static final int GATHER = 64;
    /** Scratch array of the selector thread; cleared after each use so it keeps no frame alive. */
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[GATHER]);

    /** How long a closed socket keeps reading (and discarding) before it is really closed. */
    static final long LINGER_MILLIS = 2_000;
    /** Most bytes a closing socket reads and drops in one go. */
    private static final int DISCARD_BYTES = 64 * 1024;

    private final SocketChannel socket;
    private final Wire wire;
    private final WebSocketImpl connection;
    private final ScheduledExecutorService timers;
    private final AtomicLong written = new AtomicLong();
    private final UpgradeHead head;
    private final Runnable headTooLong;
    private final Runnable released;
    private final AtomicBoolean socketClosed = new AtomicBoolean();
    /** Set on the selector thread once the head was refused: nothing more is read. */
    private boolean headRefused;

    /**
     * @param headTooLong run once when the upgrade's head goes over its limit (it counts the refusal)
     * @param released    run once when the socket is closed
     */
    CountingChannel(SocketChannel socket, Wire wire, WebSocketImpl connection, ScheduledExecutorService timers,
                    UpgradeHead head, Runnable headTooLong, Runnable released) {
        this.socket = socket;
        this.wire = wire;
        this.connection = connection;
        this.timers = timers;
        this.head = head;
        this.headTooLong = headTooLong;
        this.released = released;
    }

    long written() {
        return written.get();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (headRefused) {
            return -1;
        }
        int from = dst.position();
        return checkHead(dst, from, wire.read(dst));
    }

    /** Bytes the wire decrypted ahead (TLS) count toward the upgrade's head like any others. */
    private int checkHead(ByteBuffer dst, int from, int n) {
        if (n > 0 && !head.withinLimit(dst, from, from + n)) {
            headRefused = true;
            dst.position(from);
            headTooLong.run();
            refuseHead();
            return -1; // the library takes it for the end of the stream and closes the connection
        }
        return n;
    }

    /** Best effort: the answer is small and the socket's send buffer empty, so one write takes it all. */
    private void refuseHead() {
        try {
            wire.write(new ByteBuffer[] {ByteBuffer.wrap(new HandshakeRefusal(431, "Request Header Fields Too Large",
                    "too_large", "the upgrade request's head is over ws.max-handshake-bytes").response())}, 0, 1);
            wire.flush();
        } catch (IOException gone) {
            // the client is gone already
        }
    }

    /**
     * Called by the library with the head of the connection's queue; it then drops every buffer that
     * has nothing left, so writing the following ones here as well is invisible to it. A marker of the
     * connection's {@link Outbox} at the head means "write the pending frames now"; gathering stops at
     * any marker, which only its outbox can write.
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        if (Outbox.mayBeMarker(src) && connection.getAttachment() instanceof Session session) {
            return (int) Math.min(session.outbox.writePending(src, this::writeOne), Integer.MAX_VALUE);
        }
        ByteBuffer[] batch = SCRATCH.get();
        int n = 0;
        boolean head = true;
        for (ByteBuffer b : connection.outQueue) {
            if (head && b != src) {
                break; // not the queue's head: write just what was asked
            }
            head = false;
            if (Outbox.mayBeMarker(b)) {
                break;
            }
            if (b.hasRemaining()) {
                batch[n++] = b;
                if (n == GATHER) {
                    break;
                }
            }
        }
        if (n == 0) {
            if (!src.hasRemaining()) {
                return 0;
            }
            batch[n++] = src;
        }
        long w;
        try {
            w = wire.write(batch, 0, n);
        } finally {
            Arrays.fill(batch, 0, n, null);
        }
        written.addAndGet(w);
        return (int) Math.min(w, Integer.MAX_VALUE);
    }

    /** One buffer, counted: how an outbox writes its pending frames. */
    private long writeOne(ByteBuffer src) throws IOException {
        ByteBuffer[] one = SCRATCH.get();
        one[0] = src;
        long w;
        try {
            w = wire.write(one, 0, 1);
        } finally {
            one[0] = null;
        }
        written.addAndGet(w);
        return w;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public boolean isNeedWrite() {
        return wire.pendingOutput();
    }

    @Override
    public void writeMore() throws IOException {
        wire.flush();
    }

    @Override
    public boolean isNeedRead() {
        return wire.bufferedInput();
    }

    @Override
    public int readMore(ByteBuffer dst) throws IOException {
        if (headRefused) {
            return -1;
        }
        return checkHead(dst, dst.position(), wire.readBuffered(dst));
    }

    @Override
    public boolean isBlocking() {
        return false;
    }

    /**
     * The library closes the socket as soon as its close frame is written. Closing a socket that still
     * has unread bytes from the client makes the kernel send a reset, and a reset makes the client's
     * kernel throw away what it had not read yet: the close frame, so the client would see 1006
     * instead of 4009 or 1012. So the socket only half-closes here (the close frame then a FIN go
     * out), what the client sends meanwhile is read and dropped, and it is really closed once the
     * client has closed its side, or after {@link #LINGER_MILLIS}.
     */
    @Override
    public void close() throws IOException {
        wire.closeOutbound();
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            closeSocket();
            return;
        }
        if (discardInput()) {
            closeSocket();
            return;
        }
        try {
            timers.schedule(() -> {
                discardInput();
                closeSocket();
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (socketClosed.compareAndSet(false, true)) {
            released.run();
        }
    }

    /**
     * Reads what the client sent and drops it; true at end of stream or on an error. At most
     * {@link #DISCARD_BYTES} per call: a client that keeps sending as fast as it is read must not hold
     * the selector thread (the linger then ends the connection).
     */
    private boolean discardInput() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            for (int read = 0; read < DISCARD_BYTES; ) {
                sink.clear();
                int n = socket.read(sink);
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    return false;
                }
                read += n;
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
