package dev.switchboard.auth;

/** A token was missing, malformed, forged, expired or carried claims the gateway does not accept. */
public final class AuthException extends Exception {
    /** The error code of the 401 answer when it is not the generic {@code unauthorized}. */
    public static final String INVALID_SUBJECT = "invalid_subject";

    private final String code;

    public AuthException(String message) {
        this("unauthorized", message);
    }

    public AuthException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code of the 401 answer: {@code unauthorized}, or {@code invalid_subject}. */
    public String code() {
        return code;
    }
}
