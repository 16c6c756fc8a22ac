package dev.switchboard.client;

/** Where a {@link SwitchboardClient} stands with its gateway. */
public enum ConnectionState {
    /** Opening the WebSocket (or waiting for its {@code welcome}). */
    CONNECTING,
    /** Welcomed; rooms are joined (or being recovered). */
    CONNECTED,
    /** The connection ended; the client waits (backoff, or the gateway's {@code draining} hint) and tries again. */
    WAITING_TO_RECONNECT,
    /** {@link SwitchboardClient#close()} was called. */
    CLOSED
}
