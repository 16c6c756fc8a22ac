package dev.switchboard.model.event;

import dev.switchboard.model.ValidationException;

import java.util.regex.Pattern;

/**
 * Event type rules (PROTOCOL.md §3): lower-case, dotted, at least two segments, each
 * {@code [a-z][a-z0-9_]*}. One-word names such as {@code update} say nothing to the reader of a trace,
 * so they are refused.
 */
public final class EventType {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    public static final int MAX_LENGTH = 128;

    private EventType() {
    }

    public static String validate(String type) {
        if (type == null || type.isEmpty()) {
            throw new ValidationException("type", "an event type is required");
        }
        if (type.length() > MAX_LENGTH) {
            throw new ValidationException("type", "at most " + MAX_LENGTH + " characters");
        }
        if (!TYPE.matcher(type).matches()) {
            throw new ValidationException("type", "must be lower-case and dotted with at least two segments,"
                    + " each [a-z][a-z0-9_]* (like chat.message.created), got \"" + type + "\"");
        }
        return type;
    }

    public static boolean isValid(String type) {
        try {
            validate(type);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }
}
