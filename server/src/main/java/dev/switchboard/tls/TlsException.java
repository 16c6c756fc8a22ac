package dev.switchboard.tls;

/** A certificate or key that cannot be used, with a message an operator can act on. */
public final class TlsException extends Exception {
    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
