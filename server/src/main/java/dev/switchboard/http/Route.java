package dev.switchboard.http;

/** Handles one matched request. It answers through {@link HttpCall}, now or later from another thread. */
@FunctionalInterface
public interface Route {
    void handle(HttpCall call) throws ApiException;
}
