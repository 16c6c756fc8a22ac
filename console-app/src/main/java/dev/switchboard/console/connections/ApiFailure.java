package dev.switchboard.console.connections;

import dev.switchboard.console.gateway.ApiException;

import java.util.concurrent.CompletionException;

/** The {@link ApiException} behind a failed admin call, as a future's callback receives it (maybe wrapped). */
public final class ApiFailure {
    private ApiFailure() {
    }

    public static ApiException of(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof ApiException ? (ApiException) cause
                : new ApiException(0, "error", String.valueOf(cause.getMessage()));
    }
}
