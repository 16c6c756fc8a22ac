package dev.switchboard.console.gateway;

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

    /** {@code 404 not_found: no connection c1x9}, the way the status bar shows it. */
    public String describe() {
        return status == 0 ? "unreachable: " + getMessage() : status + " " + code + ": " + getMessage();
    }
}
