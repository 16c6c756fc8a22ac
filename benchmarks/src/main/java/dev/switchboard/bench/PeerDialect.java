package dev.switchboard.bench;

import java.util.List;

/**
 * How the load generator speaks to one kind of server over WebSocket, for subscribers and WebSocket
 * publishers alike: the path to ask for, what to send once the socket is open, and what a text frame
 * means (ready, a delivered event with its benchmark sequence number, the acknowledgement of a publish).
 *
 * <p>All methods run on the {@link WebSocketLoad} selector thread that owns the connection.
 */
interface PeerDialect {
    /** What a dialect reports about a connection's frames. */
    interface Events {
        /** The connection is in all its rooms (a subscriber) or may publish (a publisher). */
        void ready(WebSocketLoad.Conn c);

        /** An event reached the connection; {@code seq} is the benchmark's number, read from the payload. */
        void event(WebSocketLoad.Conn c, long seq);

        /** The server took one publish of this connection. */
        void ack(WebSocketLoad.Conn c);

        void problem(String what);
    }

    /** The request path of connection {@code index} that joins {@code rooms} (none for a publisher). */
    String path(int index, List<String> rooms);

    /** The socket is open; some protocols speak first. */
    default void opened(WebSocketLoad ws, WebSocketLoad.Conn c, PeerLink link) {
    }

    void text(WebSocketLoad ws, WebSocketLoad.Conn c, PeerLink link, byte[] a, int off, int len, Events events);

    /** The frame that publishes {@code payload} to {@code rooms}, asking for an acknowledgement; null if this peer does not
     * publish over WebSocket. */
    default String publish(List<String> rooms, String payload, long id) {
        return null;
    }
}
