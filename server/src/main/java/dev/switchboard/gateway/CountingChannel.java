package dev.switchboard.gateway;

import org.java_websocket.WebSocketImpl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The socket as the WebSocket library sees it. It does two things the library does not:
 * <ul>
 *   <li>turns the {@link Session#FLUSH} marker into the session's pending frames, when the marker
 *       reaches the head of the queue (see {@link Session#refill});</li>
 *   <li>counts the bytes the kernel accepted, so a connection's unread backlog is known exactly
 *       (bytes queued minus bytes written) and a slow reader can be cut at a byte limit;</li>
 *   <li>writes the connection's queued buffers with one gathering {@code write} instead of one system
 *       call per buffer.</li>
 * </ul>
 * Only the selector thread writes; {@link #written()} is read by any thread.
 */
final class CountingChannel implements ByteChannel {
    private static final int GATHER = 64;
    /** Scratch array of the selector thread; cleared after each use so it keeps no frame alive. */
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[GATHER]);

    /** How long a closed socket keeps reading (and discarding) before it is really closed. */
    static final long LINGER_MILLIS = 2_000;

    private final SocketChannel socket;
    private final WebSocketImpl connection;
    private final ScheduledExecutorService timers;
    private final AtomicLong written = new AtomicLong();

    CountingChannel(SocketChannel socket, WebSocketImpl connection, ScheduledExecutorService timers) {
        this.socket = socket;
        this.connection = connection;
        this.timers = timers;
    }

    long written() {
        return written.get();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return socket.read(dst);
    }

    /**
     * Called by the library with the head of the connection's queue; it then drops every buffer that
     * has nothing left, so writing the following ones here as well is invisible to it.
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        if (src == Session.FLUSH && connection.getAttachment() instanceof Session session) {
            session.refill(connection.outQueue);
        }
        ByteBuffer[] batch = SCRATCH.get();
        int n = 0;
        boolean head = true;
        for (ByteBuffer b : connection.outQueue) {
            if (head && b != src) {
                break; // not the queue's head: write just what was asked
            }
            head = false;
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
            w = socket.write(batch, 0, n);
        } finally {
            java.util.Arrays.fill(batch, 0, n, null);
        }
        written.addAndGet(w);
        return (int) Math.min(w, Integer.MAX_VALUE);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
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
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            socket.close();
            return;
        }
        if (discardInput()) {
            socket.close();
            return;
        }
        try {
            timers.schedule(() -> {
                discardInput();
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            socket.close();
        }
    }

    /** Reads what the client sent and drops it; true at end of stream or on an error. */
    private boolean discardInput() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            while (true) {
                sink.clear();
                int n = socket.read(sink);
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    return false;
                }
            }
        } catch (IOException e) {
            return true;
        }
    }
}
