package dev.switchboard.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches method and path against templates such as {@code /api/rooms/{room}/events}; a
 * {@code {name}} segment captures one percent-decoded path segment.
 */
final class Router {
    record Match(Route route, String template, Map<String, String> params) {
    }

    /** No route for the path (404), or none for the method (405, with the methods that exist). */
    record Miss(boolean pathKnown, Set<String> allowed) {
    }

    private record Entry(String method, String template, List<String> segments, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();

    Router add(String method, String template, Route route) {
        entries.add(new Entry(method, template, HttpCall.segments(template), route));
        return this;
    }

    Object match(String method, String rawPath) {
        List<String> path = HttpCall.segments(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry e : entries) {
            Map<String, String> params = bind(e.segments, path);
            if (params == null) {
                continue;
            }
            if (e.method.equals(method) || ("HEAD".equals(method) && "GET".equals(e.method))) {
                return new Match(e.route, e.template, params);
            }
            allowed.add(e.method);
        }
        return new Miss(!allowed.isEmpty(), allowed);
    }

    private static Map<String, String> bind(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), PathCodec.decode(path.get(i)));
            } else if (!t.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }
}
