package dev.switchboard.admin;

import dev.switchboard.gateway.ConnectionQuery;
import dev.switchboard.model.admin.ConnectionSort;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.HttpCall;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads {@code GET /admin/connections}'s query string into a {@link ConnectionQuery}
 * (docs/admin-api.md); a malformed or contradictory parameter answers 422 naming it.
 */
final class ConnectionQueryParams {
    private ConnectionQueryParams() {
    }

    static ConnectionQuery of(HttpCall call) throws ApiException {
        ConnectionSort sort = sort(call);
        boolean descending = either(call, "order", "desc", "asc");
        String cursor = QueryParams.text(call, "cursor");
        Long offset = QueryParams.whole(call, "offset", 0);
        if (cursor != null && offset != null) {
            throw ApiException.invalid("cursor and offset: give one of them (cursor pages by id, offset by position)");
        }
        if (cursor != null && sort != ConnectionSort.ID) {
            throw ApiException.invalid("cursor: pages by id only; with sort=" + sort.param() + " page with offset");
        }
        if (offset != null && offset > Integer.MAX_VALUE) {
            throw ApiException.invalid("offset: at most " + Integer.MAX_VALUE + ", got " + offset);
        }
        Integer from = offset != null ? Integer.valueOf(offset.intValue()) : sort == ConnectionSort.ID ? null : 0;
        String q = QueryParams.text(call, "q");
        List<String> words = q == null ? List.of() : Arrays.asList(q.trim().split("\\s+"));
        return new ConnectionQuery(QueryParams.text(call, "user"), QueryParams.text(call, "device"),
                QueryParams.text(call, "room"), QueryParams.text(call, "app"), QueryParams.text(call, "node"), words,
                either(call, "lagging", "true", "false"), threshold(call, "minUnsent"), threshold(call, "minUnacked"),
                threshold(call, "minBacklog"),
                sort, descending, cursor, from, QueryParams.limit(call, 100, nodeScope(call) ? ClusterLists.MAX_WINDOW : 1000));
    }

    /**
     * True when another node of a cluster asks for this node's own rows ({@code scope=node}): it may
     * ask for up to {@link ClusterLists#MAX_WINDOW} rows at once, to merge them with its own.
     */
    static boolean nodeScope(HttpCall call) {
        return "node".equals(QueryParams.text(call, "scope"));
    }

    private static ConnectionSort sort(HttpCall call) throws ApiException {
        String v = QueryParams.text(call, "sort");
        if (v == null) {
            return ConnectionSort.ID;
        }
        ConnectionSort s = ConnectionSort.of(v);
        if (s == null) {
            throw ApiException.invalid("sort: expected one of " + Arrays.stream(ConnectionSort.values())
                    .map(ConnectionSort::param).collect(Collectors.joining(", ")) + ", got " + v);
        }
        return s;
    }

    /** A parameter of two words: true for {@code yes}, false for {@code no} or when absent (either case). */
    private static boolean either(HttpCall call, String name, String yes, String no) throws ApiException {
        String v = QueryParams.text(call, name);
        if (v == null || v.equalsIgnoreCase(no)) {
            return false;
        }
        if (v.equalsIgnoreCase(yes)) {
            return true;
        }
        throw ApiException.invalid(name + ": expected " + no + " or " + yes + ", got " + v);
    }

    private static long threshold(HttpCall call, String name) throws ApiException {
        Long v = QueryParams.whole(call, name, 0);
        return v == null ? 0 : v;
    }
}
