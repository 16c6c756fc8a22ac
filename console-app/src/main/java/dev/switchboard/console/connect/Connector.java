package dev.switchboard.console.connect;

import java.util.concurrent.CompletableFuture;

/** Opens links for the start screen; both calls return at once and do their work off the FX thread. */
public interface Connector {
    CompletableFuture<Connection> connect(String httpUrl, String adminToken);

    /** Starts (or restarts) the console's own gateway on H2 in the user's data folder and connects to it. */
    CompletableFuture<Connection> startLocal();
}
