package dev.switchboard.model.admin;

import java.util.List;

/**
 * {@code GET /admin/connections}: a page of connections and how many match the filter in all.
 *
 * @param next   the next page: the {@code cursor} when paging by id cursor, the {@code offset} (in decimal)
 *               when paging by offset; null on the last page
 * @param offset the page's offset when paging by offset (a sort other than id, or {@code offset} given); null
 *               when paging by cursor
 */
public record ConnectionPage(List<ConnectionInfo> connections, long total, String next, Integer offset) {
    public ConnectionPage {
        connections = connections == null ? List.of() : List.copyOf(connections);
    }

    /** A page by id cursor, as the API answered before it paged by offset. */
    public ConnectionPage(List<ConnectionInfo> connections, long total, String next) {
        this(connections, total, next, null);
    }
}
