package dev.switchboard.console.connections;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.model.admin.ConnectionInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads every open connection of the node with GET /admin/connections, a page of {@value #PAGE} after
 * another (the {@code next} cursor), parsing each page on the OkHttp thread that received it.
 * Stateless; completes off the UI thread.
 */
final class ConnectionPages {
    static final int PAGE = 1000;
    /** A node holds about 20,000 sockets here; stop well past that rather than loop on a bad cursor. */
    private static final int MAX_PAGES = 200;

    private final AdminApi api;

    ConnectionPages(AdminApi api) {
        this.api = api;
    }

    CompletableFuture<List<OpenConnection>> readAll() {
        return read(null, new ArrayList<>(), 0);
    }

    /** The first page only: what the table shows first, in one request. */
    CompletableFuture<List<OpenConnection>> readFirst() {
        return read(null, new ArrayList<>(), MAX_PAGES - 1);
    }

    private CompletableFuture<List<OpenConnection>> read(String cursor, List<OpenConnection> into, int pages) {
        Map<String, String> query = new HashMap<>();
        query.put("limit", Integer.toString(PAGE));
        query.put("cursor", cursor);
        return api.connections(query).thenCompose(page -> {
            List<ConnectionInfo> list = page.connections();
            into.addAll(OpenConnection.listFrom(list));
            String next = page.next();
            if (next == null || next.isEmpty() || list.size() < PAGE || pages + 1 >= MAX_PAGES) {
                return CompletableFuture.completedFuture(into);
            }
            return read(next, into, pages + 1);
        });
    }
}
