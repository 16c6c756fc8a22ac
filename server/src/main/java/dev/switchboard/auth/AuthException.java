package dev.switchboard.auth;

/** A token was missing, malformed, forged, expired or carried claims the gateway does not accept. */
public final class AuthException extends Exception {
    public AuthException(String message) {
        super(message);
    }
}
