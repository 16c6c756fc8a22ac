package dev.switchboard.model.protocol;

/** The {@code code} of an {@code error} frame (PROTOCOL.md §4). */
public enum ErrorCode {
    BAD_REQUEST("bad_request"),
    UNKNOWN_OP("unknown_op"),
    FORBIDDEN("forbidden"),
    NOT_JOINED("not_joined"),
    TOO_LARGE("too_large"),
    RATE_LIMITED("rate_limited");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
