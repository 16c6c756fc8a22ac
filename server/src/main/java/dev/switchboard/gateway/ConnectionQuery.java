package dev.switchboard.gateway;

import dev.switchboard.model.admin.ConnectionSort;

import java.util.List;
import java.util.Locale;

/**
 * What one {@code GET /admin/connections} asks for (docs/admin-api.md): who (exact user, device,
 * room, app, node; free-text {@code words}), how far behind ({@code lagging}, the {@code min*}
 * thresholds), in which order, and which page: after an id {@code cursor} (sort by id only) or from an
 * {@code offset}. Null fields and zero thresholds do not filter. Immutable.
 *
 * @param words     each must be a case-insensitive substring of the id, user, device, app version or IP
 * @param lagging   only connections with {@code unsent > 0} or {@code unacked > 0} in some room
 * @param minUnsent only connections whose largest {@code unsent} over their rooms is at least this
 * @param offset    null: page by {@code cursor} (ids after it, in the sort's direction)
 */
public record ConnectionQuery(String user, String device, String room, String app, String node, List<String> words,
                              boolean lagging, long minUnsent, long minUnacked, long minBacklog,
                              ConnectionSort sort, boolean descending, String cursor, Integer offset, int limit) {

    public ConnectionQuery {
        words = words == null ? List.of()
                : words.stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
        sort = sort == null ? ConnectionSort.ID : sort;
    }

    /** The first page of everything, by id: what the admin stream's snapshot lists. */
    public static ConnectionQuery all(int limit) {
        return new ConnectionQuery(null, null, null, null, null, List.of(), false, 0, 0, 0, ConnectionSort.ID, false,
                null, null, limit);
    }

    /** The same filter and order, paged differently. */
    public ConnectionQuery withPage(String cursor, Integer offset, int limit) {
        return new ConnectionQuery(user, device, room, app, node, words, lagging, minUnsent, minUnacked, minBacklog,
                sort, descending, cursor, offset, limit);
    }

    /** Whether matching or sorting needs each connection's per-room figures. */
    boolean onFigures() {
        return lagging || minUnsent > 0 || minUnacked > 0
                || sort == ConnectionSort.UNSENT || sort == ConnectionSort.UNACKED;
    }

    /** The free-text words against a connection's fields. */
    boolean wordsMatch(String... fields) {
        for (String word : words) {
            boolean found = false;
            for (String field : fields) {
                if (field != null && field.toLowerCase(Locale.ROOT).contains(word)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The lag conditions against a connection's largest figures over its rooms and its backlog. */
    boolean figuresMatch(long unsent, long unacked, long backlog) {
        return (!lagging || unsent > 0 || unacked > 0) && unsent >= minUnsent && unacked >= minUnacked
                && (minBacklog <= 0 || backlog >= minBacklog);
    }
}
