package dev.switchboard.http;

/** Handles one matched request. It answers through {@link HttpCall}, now or later from another thread. */
@FunctionalInterface
public interface Route {
    void handle(HttpCall call) throws ApiException;

    /**
     * Checks that need only the request line and headers (authentication, mostly). The listener runs
     * it before it reads a request body, so a caller without the right token cannot make the node read,
     * hold or wait for one. The default admits everything: routes under a guard, or without a body.
     */
    default void admit(HttpCall call) throws ApiException {
    }
}
