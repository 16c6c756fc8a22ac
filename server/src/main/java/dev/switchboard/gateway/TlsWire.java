package dev.switchboard.gateway;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * TLS over one non-blocking socket of the WebSocket listener, with an {@link SSLEngine} per connection.
 * Written for the gateway instead of the library's {@code SSLSocketChannel2}, whose write path cannot
 * be combined with {@link CountingChannel}'s gathering writes and backlog count, and which leaves
 * encrypted bytes behind when the socket is full.
 *
 * <p>The library's selector loop takes a queue buffer as written once its bytes are gone and then stops
 * asking to write. Here bytes are gone once they are encrypted, which can be before the socket took
 * the records. So when encrypted bytes are still waiting and every buffer it was given is used up,
 * {@link #write} gives back the last byte it took ({@code owed}, already encrypted): the library keeps
 * that buffer and keeps asking to write, and the byte is let go once the records are out.
 *
 * <p>Buffers exist only while they hold bytes: an idle connection holds none (a busy one up to three
 * of about 17 KiB: received records, decrypted bytes not handed out yet, records not sent yet). The
 * engine's delegated tasks (certificate work of the handshake) run inline on the selector thread.
 *
 * <p>Threads: the selector thread, and whichever thread closes the connection; every method holds the
 * lock of this object.
 */
final class TlsWire implements Wire {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final SelectionKey key;
    private final Runnable onHandshakeFailure;
    /** Records read from the socket not decrypted yet; read mode; null when empty. */
    private ByteBuffer netIn;
    /** Decrypted bytes not handed out yet; read mode; null when empty. */
    private ByteBuffer appIn;
    /** Records not taken by the socket yet; read mode; null when empty. */
    private ByteBuffer netOut;
    /** The buffer whose last taken byte was given back (see the class comment); null when none. */
    private ByteBuffer owed;
    /** Set once the first handshake finished; a failure before it is a refused handshake. */
    private boolean established;
    /** True when decrypting stopped only because {@link #appIn} was full: more can come without a read. */
    private boolean moreToUnwrap;

    TlsWire(SocketChannel socket, SSLEngine engine, SelectionKey key, Runnable onHandshakeFailure) {
        this.socket = socket;
        this.engine = engine;
        this.key = key;
        this.onHandshakeFailure = onHandshakeFailure;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        if (appIn != null) {
            return handOut(dst);
        }
        int n = fill();
        step();
        if (appIn != null) {
            return handOut(dst);
        }
        return n < 0 || engine.isInboundDone() ? -1 : 0;
    }

    @Override
    public synchronized boolean bufferedInput() {
        return appIn != null || (netIn != null && moreToUnwrap);
    }

    @Override
    public synchronized int readBuffered(ByteBuffer dst) throws IOException {
        if (appIn == null) {
            step();
        }
        if (appIn != null) {
            return handOut(dst);
        }
        return engine.isInboundDone() ? -1 : 0;
    }

    @Override
    public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        send();
        if (netOut != null) {
            return 0;
        }
        long taken = 0;
        if (owed != null) {
            owed.position(owed.position() + 1);
            owed = null;
            taken = 1;
        }
        int last = -1;
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                last = i;
            }
        }
        while (last >= 0 && srcs[last].hasRemaining()) {
            SSLEngineResult r = wrap(srcs, offset, length);
            taken += r.bytesConsumed();
            if (r.getStatus() == Status.CLOSED) {
                throw new EOFException("TLS connection closed");
            }
            runTasks();
            send();
            if (netOut != null || r.bytesConsumed() == 0) {
                break;
            }
        }
        if (netOut != null && last >= 0 && !srcs[last].hasRemaining()) {
            owed = srcs[last];
            owed.position(owed.position() - 1);
            taken--;
        } else if (taken == 0 && netOut == null && last >= 0 && handshaking()) {
            // A handshake the client started again (TLS 1.2 renegotiation) waits for its records: stop
            // asking to write instead of spinning; the 20 ms sweep re-arms connections with queued data.
            try {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            } catch (CancelledKeyException ignored) {
                // closed meanwhile
            }
        }
        return taken;
    }

    @Override
    public synchronized boolean pendingOutput() {
        return netOut != null;
    }

    /**
     * Sends waiting records, then goes on with a handshake that was waiting for them. (Should that
     * decrypt bytes the client sent meanwhile, they are handed out at the connection's next read; a
     * handshake whose own records did not fit the socket buffer does not happen in practice.)
     */
    @Override
    public synchronized void flush() throws IOException {
        send();
        if (netOut == null && handshaking()) {
            step();
        }
    }

    @Override
    public synchronized void closeOutbound() {
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                if (wrap(new ByteBuffer[]{EMPTY}, 0, 1).bytesProduced() == 0) {
                    break;
                }
            }
            send();
        } catch (IOException | RuntimeException e) {
            // the socket is closing anyway; the close_notify was a courtesy
        }
    }

    /**
     * Moves the engine on as far as it goes without waiting: delegated tasks, handshake records to
     * send, received records to decrypt.
     */
    private void step() throws IOException {
        try {
            advance();
        } catch (SSLException e) {
            // thrown by unwrap, or by the next wrap or unwrap after a delegated task failed
            fail(e);
            throw e;
        }
    }

    private void advance() throws IOException {
        moreToUnwrap = false;
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult r = wrap(new ByteBuffer[]{EMPTY}, 0, 1);
                established |= r.getHandshakeStatus() == HandshakeStatus.FINISHED;
                send();
                if (netOut != null) {
                    wantWrite();
                }
                if (r.bytesProduced() == 0 || r.getStatus() != Status.OK) {
                    return;
                }
                continue;
            }
            if (netIn == null) {
                return;
            }
            SSLEngineResult r = unwrap();
            established |= r.getHandshakeStatus() == HandshakeStatus.FINISHED;
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW, CLOSED -> {
                    return;
                }
                case BUFFER_OVERFLOW -> {
                    if (appIn == null) {
                        // an empty buffer of the session's own size cannot be too small for one record
                        throw new SSLException("TLS record larger than the session's buffer");
                    }
                    moreToUnwrap = true;
                    return;
                }
                case OK -> {
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && engine.getHandshakeStatus() == hs) {
                        return;
                    }
                }
            }
        }
    }

    private SSLEngineResult unwrap() throws IOException {
        ByteBuffer out = appIn == null ? ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()) : appIn.compact();
        try {
            return engine.unwrap(netIn, out);
        } finally {
            out.flip();
            appIn = out.hasRemaining() ? out : null;
            if (!netIn.hasRemaining()) {
                netIn = null;
            }
        }
    }

    private SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws SSLException {
        ByteBuffer out = netOut == null ? ByteBuffer.allocate(engine.getSession().getPacketBufferSize()) : netOut.compact();
        try {
            return engine.wrap(srcs, offset, length, out);
        } finally {
            out.flip();
            netOut = out.hasRemaining() ? out : null;
        }
    }

    /** A refused handshake still tells the client why (the engine has the alert ready) before the socket closes. */
    private void fail(SSLException e) {
        if (!established) {
            onHandshakeFailure.run();
        }
        try {
            wrap(new ByteBuffer[]{EMPTY}, 0, 1);
            send();
        } catch (IOException | RuntimeException ignored) {
            // the connection is being dropped for the original exception
        }
    }

    /** Reads the socket once into {@link #netIn}; -1 at the end of the stream. */
    private int fill() throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer in;
        if (netIn == null) {
            in = ByteBuffer.allocate(packet);
        } else {
            in = netIn.compact();
            if (!in.hasRemaining()) {
                // A full buffer that still does not hold one record: only a grown session size allows more.
                if (in.capacity() >= packet) {
                    in.flip();
                    throw new SSLException("TLS record larger than the negotiated maximum");
                }
                in.flip();
                in = ByteBuffer.allocate(packet).put(in);
            }
        }
        int n;
        try {
            n = socket.read(in);
        } finally {
            in.flip();
            netIn = in.hasRemaining() ? in : null;
        }
        return n;
    }

    private void send() throws IOException {
        if (netOut != null) {
            socket.write(netOut);
            if (!netOut.hasRemaining()) {
                netOut = null;
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Handshake records the socket did not take yet: ask the selector to tell when it can. */
    private void wantWrite() {
        try {
            if (key.isValid()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                key.selector().wakeup();
            }
        } catch (CancelledKeyException ignored) {
            // closed meanwhile
        }
    }

    private boolean handshaking() {
        HandshakeStatus hs = engine.getHandshakeStatus();
        return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
    }

    private int handOut(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        ByteBuffer part = appIn.duplicate();
        part.limit(part.position() + n);
        dst.put(part);
        appIn.position(appIn.position() + n);
        if (!appIn.hasRemaining()) {
            appIn = null;
        }
        return n;
    }
}
