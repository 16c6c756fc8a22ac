package dev.switchboard.console.connections;

import dev.switchboard.model.admin.ConnectionSort;

import java.util.HashMap;
import java.util.Map;

/**
 * Which page of connections the table shows: the filter's parameters, the sort and its direction, and
 * the page's offset, as one {@code GET /admin/connections} (always paged by offset, whatever the sort).
 * Immutable: an answer is applied only if the request it answers is still the one shown.
 */
record ConnectionPageRequest(ConnectionFilter filter, ConnectionSort sort, boolean descending, int offset, int limit) {

    ConnectionPageRequest withOffset(int newOffset) {
        return new ConnectionPageRequest(filter, sort, descending, Math.max(0, newOffset), limit);
    }

    Map<String, String> params() {
        Map<String, String> p = new HashMap<>(filter.params());
        p.put("sort", sort.param());
        p.put("order", descending ? "desc" : "asc");
        p.put("offset", Integer.toString(offset));
        p.put("limit", Integer.toString(limit));
        return p;
    }
}
