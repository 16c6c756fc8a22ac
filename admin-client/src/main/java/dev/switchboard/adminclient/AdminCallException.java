package dev.switchboard.adminclient;

import java.util.concurrent.CompletionException;

/**
 * An admin call that failed: an answer other than 2xx with the gateway's error code and message
 * (PROTOCOL §3), or no answer at all (status 0, code {@code unreachable}). Named apart from the
 * server's {@code http.ApiException}, which is what the server throws to produce such an answer.
 */
public final class AdminCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public AdminCallException(int status, String code, String message) {
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
     * The failure behind a failed call, as a future's callback receives it (perhaps wrapped in a
     * {@link CompletionException}); anything else becomes one with status 0 and code {@code error}.
     */
    public static AdminCallException of(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof AdminCallException known ? known
                : new AdminCallException(0, "error", String.valueOf(cause.getMessage()));
    }

    /** {@code 404 not_found: no connection c1x9}, the way a status bar shows it. */
    public String describe() {
        if (status == 0) {
            return code.equals("unreachable") ? "unreachable: " + getMessage() : getMessage();
        }
        return status + " " + code + ": " + getMessage();
    }
}
