package dev.switchboard.console.trace;

import java.util.Locale;

/**
 * What the search field asks for: {@code user:zoe} is a user's timeline, anything else an event id.
 * Immutable.
 */
public record TraceQuery(Kind kind, String id) {
    public static final String USER_PREFIX = "user:";

    public enum Kind { EVENT, USER }

    /** The query in {@code text}, or null when it names nothing ({@code ""}, {@code "user:"}). */
    public static TraceQuery parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.toLowerCase(Locale.ROOT).startsWith(USER_PREFIX)) {
            String user = t.substring(USER_PREFIX.length()).strip();
            return user.isEmpty() ? null : new TraceQuery(Kind.USER, user);
        }
        return t.isEmpty() ? null : new TraceQuery(Kind.EVENT, t);
    }

    /** How the field and the recent searches show it: {@code user:zoe} or the event id. */
    public String text() {
        return kind == Kind.USER ? USER_PREFIX + id : id;
    }
}
