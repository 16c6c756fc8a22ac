package dev.switchboard.admin;

import dev.switchboard.model.admin.ConnectionPage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.WebSocketGateway;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.HttpCall;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.EventList;

import javax.sql.DataSource;
import java.sql.SQLException;

/** Read-only admin views: connections, rooms and their members, recent events (docs/admin-api.md). */
final class InspectRoutes {
    private final WebSocketGateway ws;
    private final EventSearch events;

    InspectRoutes(WebSocketGateway ws, DataSource dataSource) {
        this.ws = ws;
        this.events = new EventSearch(dataSource);
    }

    void register(ApiServer server) {
        server.route("GET", "/admin/connections", call -> call.json(200,
                pageJson(ws.view().connections(ConnectionQueryParams.of(call)))));
        server.route("GET", "/admin/connections/{id}", call -> call.json(200, AdminJson.tree(ws.view().connection(call.path("id"))
                .orElseThrow(() -> new ApiException(404, "not_found", "no open connection " + call.path("id") + " on this node")))));
        server.route("GET", "/admin/rooms", call -> call.json(200, AdminJson.tree(ws.view().rooms())));
        server.route("GET", "/admin/rooms/{room}/members", call -> call.json(200, AdminJson.tree(ws.view().members(call.path("room"))
                .orElseThrow(() -> new ApiException(404, "not_found", "no connection is in " + call.path("room") + " on this node")))));
        server.route("GET", "/admin/events", this::events);
    }

    /** A page of connections; {@code "next": null} on the last page, as docs/admin-api.md shows it. */
    static ObjectNode pageJson(ConnectionPage page) {
        ObjectNode out = (ObjectNode) AdminJson.tree(page);
        if (page.next() == null) {
            out.putNull("next");
        }
        return out;
    }

    private void events(HttpCall call) throws ApiException {
        EventSearch.Query query = EventSearch.Query.of(call);
        try {
            EventList page = events.search(query);
            ObjectNode out = (ObjectNode) AdminJson.tree(page);
            if (page.next() == null) {
                out.putNull("next");
            }
            call.json(200, out);
        } catch (SQLException | JsonProcessingException e) {
            throw new ApiException(503, "unavailable", "cannot read events: " + e.getMessage());
        }
    }
}
