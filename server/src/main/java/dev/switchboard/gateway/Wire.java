package dev.switchboard.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What {@link CountingChannel} moves WebSocket bytes through: the socket itself, or TLS over it
 * ({@link TlsWire}). Byte counts are of the WebSocket bytes (plaintext), the unit the backlog is
 * kept in. Only the selector thread reads and writes; {@link #closeOutbound} may come from any thread.
 */
interface Wire {
    /** Like {@link SocketChannel#read(ByteBuffer)}: bytes put into {@code dst}, 0, or -1 at the end. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes what it can of {@code srcs} without blocking; the bytes taken (their positions moved). */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** True while bytes this wire produced itself (TLS records) wait for the socket. */
    boolean pendingOutput();

    /** Sends what {@link #pendingOutput} holds, as far as the socket takes it. */
    void flush() throws IOException;

    /** True while bytes already read from the socket can be handed out without reading again. */
    boolean bufferedInput();

    /** Hands out bytes already read from the socket: {@link #bufferedInput}'s counterpart of read. */
    int readBuffered(ByteBuffer dst) throws IOException;

    /** The last thing sent before the socket closes (a TLS close_notify), as far as the socket takes it. */
    void closeOutbound();

    /** The plain socket: every method is the socket's own. */
    static Wire plain(SocketChannel socket) {
        return new Wire() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return socket.read(dst);
            }

            @Override
            public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
                return socket.write(srcs, offset, length);
            }

            @Override
            public boolean pendingOutput() {
                return false;
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean bufferedInput() {
                return false;
            }

            @Override
            public int readBuffered(ByteBuffer dst) {
                return 0;
            }

            @Override
            public void closeOutbound() {
            }
        };
    }
}
