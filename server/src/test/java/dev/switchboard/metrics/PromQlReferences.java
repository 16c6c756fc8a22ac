package dev.switchboard.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression (or a Grafana target's, with its {@code $variables}) refers to: the metric
 * names it selects, the label matchers of each selector, and the labels it groups by. Not a PromQL
 * parser: it reads what the monitoring kit writes (selectors, functions, aggregations with
 * {@code by}, arithmetic), which is enough to check those names against a real {@code /metrics}.
 */
record PromQlReferences(Set<String> metrics, List<LabelMatcher> matchers, Set<String> groupingLabels) {
    /** One label matcher of a selector: {@code metric{label op "value"}}. */
    record LabelMatcher(String metric, String label, String op, String value) {
        /** The values a {@code =} or a {@code =~} of plain alternatives ({@code a|b}) asks for; empty for any other. */
        List<String> literalValues() {
            if (op.equals("=")) {
                return List.of(value);
            }
            if (op.equals("=~") && value.matches("[A-Za-z0-9_]+(\\|[A-Za-z0-9_]+)*")) {
                return List.of(value.split("\\|"));
            }
            return List.of();
        }
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern SELECTOR = Pattern.compile("(" + NAME + ")?\\s*\\{([^}]*)}");
    private static final Pattern MATCHER =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    /** A name that does not follow a letter, digit, dot or {@code $} (numbers, variables) and is no function call. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])(" + NAME + ")\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    static PromQlReferences of(String expr) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Matcher m = MATCHER.matcher(selector.group(2));
            while (m.find()) {
                matchers.add(new LabelMatcher(selector.group(1), m.group(1), m.group(2), m.group(3)));
            }
        }
        String rest = expr.replaceAll("\\{[^}]*}", " ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = STRING.matcher(rest).replaceAll(" ");
        Set<String> grouping = new LinkedHashSet<>();
        Matcher g = GROUPING.matcher(rest);
        while (g.find()) {
            if (g.group(1).equalsIgnoreCase("by")) {
                for (String label : g.group(2).split(",")) {
                    if (!label.isBlank()) {
                        grouping.add(label.trim());
                    }
                }
            }
        }
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher id = IDENTIFIER.matcher(rest);
        while (id.find()) {
            if (!KEYWORDS.contains(id.group(1).toLowerCase(Locale.ROOT))) {
                metrics.add(id.group(1));
            }
        }
        return new PromQlReferences(metrics, matchers, grouping);
    }
}
