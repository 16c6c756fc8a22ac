package dev.switchboard.model.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A frame that could not be decoded. {@code ref} is the frame's ref when the frame parsed far enough to
 * have one, else null; {@code code} is the error code the gateway answers with.
 */
public final class FrameDecodeException extends Exception {
    private final ErrorCode code;
    private final transient JsonNode ref;

    public FrameDecodeException(ErrorCode code, JsonNode ref, String message) {
        super(message);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    public JsonNode ref() {
        return ref;
    }
}
