package dev.switchboard.gateway;

import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Queue;

/**
 * A Java-WebSocket connection as its {@link Outbox} sees it. Write interest is set on the connection's
 * selection key directly, without the library's {@code onWriteDemand}, which would also wake the
 * selector: the fanout asks for many connections and wakes the selector once.
 */
final class LibrarySocket implements Outbox.Socket {
    private final WebSocketImpl connection;
    private final CountingChannel channel;

    LibrarySocket(WebSocketImpl connection) {
        this.connection = connection;
        this.channel = (CountingChannel) connection.getChannel();
    }

    @Override
    public Queue<ByteBuffer> queue() {
        return connection.outQueue;
    }

    @Override
    public long written() {
        return channel.written();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public boolean isClosed() {
        return connection.isClosed();
    }

    @Override
    public boolean wantWrite() {
        SelectionKey key = connection.getSelectionKey();
        if (key == null) {
            return false;
        }
        try {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            return true;
        } catch (CancelledKeyException closed) {
            return false; // the connection is gone; its frames go with it
        }
    }

    @Override
    public void wake() {
        SelectionKey key = connection.getSelectionKey();
        if (key != null) {
            key.selector().wakeup();
        }
    }

    @Override
    public void close(int code, String reason) {
        connection.close(code, reason);
    }

    /**
     * Drops the TCP connection at once. With {@code SO_LINGER} 0 the close resets it and the kernel
     * discards what it still held to send: a plain close would leave up to a socket send buffer
     * (megabytes on loopback) queued, for as long as TCP keeps trying, for a peer that may never read.
     */
    @Override
    public void abort(String reason) {
        SelectionKey key = connection.getSelectionKey();
        if (key != null && key.channel() instanceof SocketChannel tcp) {
            try {
                tcp.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException closedAlready) {
                // nothing is held for it any more
            }
        }
        connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    }

    /**
     * Java-WebSocket clears a connection's write interest after it emptied the queue, on the selector
     * thread; write interest asked for by another thread between that check and the clearing is lost,
     * and the frames wait for the next demand. A connection with queued data and no write interest is
     * given one here (the gateway calls this every few milliseconds; it costs a queue-size read for a
     * connection with nothing queued).
     */
    @Override
    public void kickIfStalled() {
        if (connection.outQueue.isEmpty()) {
            return;
        }
        SelectionKey key = connection.getSelectionKey();
        try {
            if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                key.selector().wakeup();
            }
        } catch (CancelledKeyException closed) {
            // the connection is gone
        }
    }
}
