package dev.switchboard.console.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connections filter: words separated by spaces, all of which must match (case-insensitive
 * substrings). A plain word matches the connection id, user, device, IP, app version or a room; a
 * prefixed word only its field: {@code user:alice}, {@code device:}, {@code id:}, {@code ip:},
 * {@code app:1.4}, {@code room:document:7}, {@code node:}. Numbers compare with {@code unacked>0},
 * {@code unsent>=10} ({@code lag} is the same as {@code unsent}, as in the admin API), {@code backlog>1000} (bytes), also {@code <}, {@code <=}, {@code =}.
 * A word with an unknown prefix ({@code document:7}) is a plain word. Immutable.
 */
public final class ConnectionFilter implements Predicate<ConnectionRow> {
    private static final Pattern COMPARISON = Pattern.compile("(unsent|unacked|lag|backlog)(>=|<=|>|<|=)(\\d+)");
    /** A word that starts like a comparison: if it is not one, the person meant one and is told so. */
    private static final Pattern COMPARISON_LIKE = Pattern.compile("(unsent|unacked|lag|backlog)[<>=!].*");

    private final String text;
    private final List<Predicate<ConnectionRow>> terms;
    private final boolean onLiveFigures;
    private final String problem;

    private ConnectionFilter(String text, List<Predicate<ConnectionRow>> terms, boolean onLiveFigures, String problem) {
        this.text = text;
        this.terms = terms;
        this.onLiveFigures = onLiveFigures;
        this.problem = problem;
    }

    public static ConnectionFilter parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        List<Predicate<ConnectionRow>> terms = new ArrayList<>();
        boolean live = false;
        String problem = "";
        for (String word : trimmed.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            Matcher m = COMPARISON.matcher(word);
            if (m.matches()) {
                terms.add(comparison(m.group(1), m.group(2), Long.parseLong(m.group(3))));
                live = true;
                continue;
            }
            if (problem.isEmpty() && COMPARISON_LIKE.matcher(word).matches()) {
                problem = "“" + word + "” is not a comparison: write, for example, unsent>0 or backlog>=1000"
                        + " (a whole number after >, >=, <, <= or =).";
            }
            Predicate<ConnectionRow> prefixed = prefixed(word);
            if (prefixed != null) {
                terms.add(prefixed);
                live |= word.startsWith("room:");
            } else {
                terms.add(r -> r.anyFieldContains(word));
                live = true; // a plain word may match a room, and rooms change
            }
        }
        return new ConnectionFilter(trimmed, List.copyOf(terms), live, problem);
    }

    private static Predicate<ConnectionRow> prefixed(String word) {
        int colon = word.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String value = word.substring(colon + 1);
        switch (word.substring(0, colon)) {
            case "user":
                return r -> ConnectionRow.contains(r.userId(), value);
            case "device":
                return r -> ConnectionRow.contains(r.deviceId(), value);
            case "id":
            case "connection":
                return r -> ConnectionRow.contains(r.connectionId(), value);
            case "ip":
                return r -> ConnectionRow.contains(r.remoteIp(), value);
            case "app":
                return r -> ConnectionRow.contains(r.appVersion(), value);
            case "room":
                return r -> r.inRoom(value);
            case "node":
                return r -> ConnectionRow.contains(r.node(), value);
            default:
                return null;
        }
    }

    private static Predicate<ConnectionRow> comparison(String field, String op, long bound) {
        ToLongFunction<ConnectionRow> value = switch (field) {
            // "lag" as the admin API defines it: the same figure as unsent.
            case "unsent", "lag" -> ConnectionRow::unsent;
            case "unacked" -> ConnectionRow::unacked;
            default -> ConnectionRow::backlogBytes;
        };
        switch (op) {
            case ">":
                return r -> value.applyAsLong(r) > bound;
            case ">=":
                return r -> value.applyAsLong(r) >= bound;
            case "<":
                return r -> value.applyAsLong(r) < bound;
            case "<=":
                return r -> value.applyAsLong(r) <= bound;
            default:
                return r -> value.applyAsLong(r) == bound;
        }
    }

    @Override
    public boolean test(ConnectionRow row) {
        for (Predicate<ConnectionRow> t : terms) {
            if (!t.test(row)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** True when the filter looks at what refreshes change (rooms, unsent, unacked, backlog): re-apply it after each. */
    public boolean onLiveFigures() {
        return onLiveFigures;
    }

    public String text() {
        return text;
    }

    /** Why a word was taken as plain text although it looks meant as a comparison; "" when none. */
    public String problem() {
        return problem;
    }
}
