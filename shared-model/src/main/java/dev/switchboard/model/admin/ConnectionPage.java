package dev.switchboard.model.admin;

import java.util.List;

/** {@code GET /admin/connections}: a page of connections; {@code next} is the cursor of the next page, or null. */
public record ConnectionPage(List<ConnectionInfo> connections, long total, String next) {
    public ConnectionPage {
        connections = connections == null ? List.of() : List.copyOf(connections);
    }
}
