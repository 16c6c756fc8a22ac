package dev.switchboard.model.room;

import dev.switchboard.model.ValidationException;

import java.util.regex.Pattern;

/**
 * A room name {@code kind:id} (PROTOCOL.md §2). Rooms are delivery channels, not authorization:
 * {@code user:{sub}} is the only kind with a built-in meaning.
 */
public record RoomName(String kind, String id) {
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    public static final String USER_KIND = "user";

    public RoomName {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new ValidationException("room", "kind must match [a-z][a-z0-9-]{0,31}, got " + quote(kind));
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new ValidationException("room", "id must match [A-Za-z0-9._@-]{1,128}, got " + quote(id));
        }
    }

    /** Parses {@code kind:id}; the field name is used in the error message. */
    public static RoomName parse(String text, String field) {
        if (text == null) {
            throw new ValidationException(field, "a room name is required");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ValidationException(field, "room name must be kind:id, got " + quote(text));
        }
        try {
            return new RoomName(text.substring(0, colon), text.substring(colon + 1));
        } catch (ValidationException e) {
            throw new ValidationException(field, e.getMessage().substring("room: ".length()));
        }
    }

    public static RoomName parse(String text) {
        return parse(text, "room");
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    public static RoomName userRoom(String userId) {
        return new RoomName(USER_KIND, userId);
    }

    public boolean isUserRoom() {
        return USER_KIND.equals(kind);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }

    private static String quote(String s) {
        if (s == null) {
            return "nothing";
        }
        return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    }
}
