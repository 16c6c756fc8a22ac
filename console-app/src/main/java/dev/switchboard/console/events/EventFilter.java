package dev.switchboard.console.events;

/**
 * The Events page's filters, combined with AND; each is a case-insensitive substring, blank means
 * "any". {@code type} ending in {@code *} is a prefix instead ({@code doc.*} matches {@code doc.changed}).
 * {@code user} matches a failure's user, device or connection id; events have none, so a user filter
 * shows failures only. Immutable; saved as JSON by {@link EventFilterStore}.
 */
public record EventFilter(String room, String type, String resource, String eventId, String user) {
    public static final EventFilter NONE = new EventFilter("", "", "", "", "");

    public EventFilter {
        room = clean(room);
        type = clean(type);
        resource = clean(resource);
        eventId = clean(eventId);
        user = clean(user);
    }

    /** True when no field is set: every row passes. */
    public boolean none() {
        return room.isEmpty() && type.isEmpty() && resource.isEmpty() && eventId.isEmpty() && user.isEmpty();
    }

    public boolean matches(EventRow row) {
        return roomMatches(row)
                && typeMatches(row.type())
                && contains(row.resourceId(), resource)
                && contains(row.eventId(), eventId)
                && (user.isEmpty() || contains(row.userId(), user) || contains(row.deviceId(), user)
                    || contains(row.connectionId(), user));
    }

    private boolean roomMatches(EventRow row) {
        if (room.isEmpty()) {
            return true;
        }
        for (String r : row.rooms().keySet()) {
            if (contains(r, room)) {
                return true;
            }
        }
        return false;
    }

    private boolean typeMatches(String value) {
        if (type.endsWith("*")) {
            String prefix = type.substring(0, type.length() - 1);
            return value.regionMatches(true, 0, prefix, 0, prefix.length());
        }
        return contains(value, type);
    }

    /** Case-insensitive substring test without copying either string (it runs for every row on every keystroke). */
    static boolean contains(String value, String part) {
        if (part.isEmpty()) {
            return true;
        }
        for (int i = 0, last = value.length() - part.length(); i <= last; i++) {
            if (value.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    private static String clean(String s) {
        return s == null ? "" : s.trim();
    }
}
