package dev.switchboard.model.admin;

import java.util.Locale;

/**
 * What {@code GET /admin/connections} can sort by ({@code sort=}, docs/admin-api.md); the gateway breaks
 * ties by connection id so that offset pages of one moment neither repeat nor skip a connection.
 */
public enum ConnectionSort {
    ID("id"),
    CONNECTED_AT("connectedAt"),
    /** The largest {@code unsent} over the connection's rooms. */
    UNSENT("unsent"),
    /** The largest {@code unacked} over the connection's rooms. */
    UNACKED("unacked"),
    /** Bytes queued for the connection and not read yet. */
    BACKLOG("backlog");

    private final String param;

    ConnectionSort(String param) {
        this.param = param;
    }

    /** The name in the query string. */
    public String param() {
        return param;
    }

    /** The sort named {@code param} (case-insensitive), or null when none is. */
    public static ConnectionSort of(String param) {
        for (ConnectionSort s : values()) {
            if (s.param.toLowerCase(Locale.ROOT).equals(param.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
