package dev.switchboard.console.connections;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connections filter, translated into {@code GET /admin/connections} parameters so that the
 * gateway filters (docs/console.md, "Filter"). Words are separated by spaces and all must hold:
 * <ul>
 *   <li>a plain word is free text ({@code q}): part of the connection id, user, device, app version or IP,
 *       whatever the case; {@code id:} and {@code ip:} search the same way;</li>
 *   <li>{@code user:}, {@code device:}, {@code app:}, {@code room:}, {@code node:} name one exactly;
 *       a word with another prefix ({@code document:7}) names a room;</li>
 *   <li>{@code unsent>N}, {@code unacked>=N}, {@code backlog>N} (bytes) are thresholds ({@code lag} is
 *       {@code unsent}, as in the admin API); {@code lagging} keeps connections behind in some room.</li>
 * </ul>
 * What the gateway cannot answer ({@code unsent<5}, two different users) is left out and said in
 * {@link #problem}. Immutable.
 */
public final class ConnectionFilter {
    private static final Pattern COMPARISON = Pattern.compile("(unsent|unacked|lag|backlog)(>=|<=|>|<|=)(\\d{1,18})");
    /** A word that starts like a comparison: if it is not one, the person meant one and is told so. */
    private static final Pattern COMPARISON_LIKE = Pattern.compile("(unsent|unacked|lag|backlog)[<>=!].*");
    private static final Map<String, String> EXACT = Map.of("user", "user", "device", "device", "app", "app",
            "room", "room", "node", "node");

    private final String text;
    private final Map<String, String> params;
    private final String problem;

    private ConnectionFilter(String text, Map<String, String> params, String problem) {
        this.text = text;
        this.params = Collections.unmodifiableMap(params);
        this.problem = problem;
    }

    public static ConnectionFilter parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Map<String, String> params = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String word : trimmed.split("\\s+")) {
            if (!word.isEmpty()) {
                String why = add(word, params, words);
                if (!why.isEmpty()) {
                    problems.add(why);
                }
            }
        }
        if (!words.isEmpty()) {
            params.put("q", String.join(" ", words));
        }
        return new ConnectionFilter(trimmed, params, problems.isEmpty() ? "" : problems.get(0));
    }

    /** Adds one word to the parameters; answers why it was left out or taken otherwise than it looks, or "". */
    private static String add(String word, Map<String, String> params, List<String> words) {
        String lower = word.toLowerCase(Locale.ROOT);
        Matcher m = COMPARISON.matcher(lower);
        if (m.matches()) {
            return threshold(word, m.group(1), m.group(2), Long.parseLong(m.group(3)), params);
        }
        if (COMPARISON_LIKE.matcher(lower).matches()) {
            words.add(word);
            return "“" + word + "” is not a comparison: write, for example, unsent>0 or backlog>=1000"
                    + " (a whole number after > or >=).";
        }
        if (lower.equals("lagging")) {
            params.put("lagging", "true");
            return "";
        }
        int colon = word.indexOf(':');
        if (colon <= 0 || colon == word.length() - 1) {
            words.add(word);
            return "";
        }
        String prefix = lower.substring(0, colon);
        String value = word.substring(colon + 1);
        if (prefix.equals("id") || prefix.equals("connection") || prefix.equals("ip")) {
            words.add(value);
            return "";
        }
        String param = EXACT.getOrDefault(prefix, "room");
        String room = EXACT.containsKey(prefix) ? value : word;
        String before = params.putIfAbsent(param, room);
        if (before != null && !before.equals(room)) {
            return "“" + word + "” is left out: a connection has one " + param + ", and the filter already names "
                    + before + ".";
        }
        return "";
    }

    /** {@code unsent>N} as the gateway's "at least" ({@code minUnsent=N+1}); below or equal it cannot answer. */
    private static String threshold(String word, String field, String op, long bound, Map<String, String> params) {
        String param = switch (field) {
            case "unacked" -> "minUnacked";
            case "backlog" -> "minBacklog";
            default -> "minUnsent"; // "lag" as the admin API defines it: the same figure as unsent
        };
        if (!op.equals(">") && !op.equals(">=")) {
            return "“" + word + "” is left out: the gateway filters by at least a number (> or >=), not below or"
                    + " equal to one; sort by " + (field.equals("lag") ? "unsent" : field) + " instead.";
        }
        long atLeast = op.equals(">") ? bound + 1 : bound;
        params.merge(param, Long.toString(atLeast), (a, b) -> Long.parseLong(a) >= Long.parseLong(b) ? a : b);
        return "";
    }

    /** The parameters of {@code GET /admin/connections} that answer this filter (no paging, no sort). */
    public Map<String, String> params() {
        return params;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public String text() {
        return text;
    }

    /** Why a word was left out or taken otherwise than it looks; "" when every word was applied as meant. */
    public String problem() {
        return problem;
    }
}
