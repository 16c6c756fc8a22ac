package dev.switchboard.console.gateway;

import java.util.concurrent.CompletionException;

/** A gateway answer other than 2xx, with the gateway's error code and message (PROTOCOL §3), or a network failure (status 0). */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * The gateway failure behind a failed call, as a future's callback receives it (perhaps wrapped in
     * a {@link CompletionException}); anything else becomes one with status 0 and code {@code error}.
     */
    public static ApiException of(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof ApiException ? (ApiException) cause
                : new ApiException(0, "error", String.valueOf(cause.getMessage()));
    }

    /** {@code 404 not_found: no connection c1x9}, the way the status bar shows it. */
    public String describe() {
        if (status == 0) {
            return code.equals("unreachable") ? "unreachable: " + getMessage() : getMessage();
        }
        return status + " " + code + ": " + getMessage();
    }
}
