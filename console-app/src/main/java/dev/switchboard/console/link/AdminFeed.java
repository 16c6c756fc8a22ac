package dev.switchboard.console.link;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * What the console's view models need of the admin stream: its frames, its state and the node it
 * comes from. {@link AdminLink} is the real one; tests pass their own, so a view model can be driven
 * by {@link dev.switchboard.model.admin.AdminFrame} and {@link dev.switchboard.model.admin.AdminDelta}
 * records without a gateway.
 */
public interface AdminFeed extends AutoCloseable {
    /** Adds a listener; it first gets the node's current state (the last snapshot and the changes since), then live frames. */
    void addListener(StreamListener l);

    void removeListener(StreamListener l);

    /** Tells {@code l} the current state now, then every change. */
    void addStateListener(BiConsumer<LinkState, String> l);

    void removeStateListener(BiConsumer<LinkState, String> l);

    LinkState state();

    /** The node's name, as its last snapshot said. */
    String nodeName();

    /** {@code http://host:port} of the gateway. */
    String httpUrl();

    /** The window was minimised: ask the gateway for nothing. */
    void pause();

    /** The window is back: a fresh snapshot and every topic. */
    void resume();

    boolean paused();

    /** When the next reconnect is due (epoch ms) while the link waits out its backoff; 0 when none is. */
    default long nextAttemptAtMillis() {
        return 0;
    }

    /** The user does not want to wait out the backoff: reconnect now (nothing when connected or trying). */
    default void retryNow() {
    }

    /**
     * Goes on with {@code adminToken} for the same gateway, after the gateway refused the old one: checks it
     * ({@code GET /admin/node}), then reconnects for a fresh snapshot. Completes when the check passed, or
     * exceptionally with the gateway's answer (401 again, 403 for a token without role admin).
     */
    default CompletableFuture<Void> useToken(String adminToken) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this feed cannot change its token"));
    }

    /** The console is done with this gateway. */
    @Override
    void close();
}
