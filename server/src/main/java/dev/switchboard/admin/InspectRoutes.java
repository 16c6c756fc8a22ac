package dev.switchboard.admin;

import dev.switchboard.model.admin.ConnectionPage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.NodeAsker;
import dev.switchboard.gateway.WebSocketGateway;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.HttpCall;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.EventList;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Read-only admin views: connections, rooms and their members, recent events (docs/admin-api.md); on
 * a cluster the lists are the whole cluster's ({@link ClusterLists}), {@code scope=node} this node's.
 */
final class InspectRoutes {
    private final WebSocketGateway ws;
    private final EventSearch events;
    /** Null on a node without a cluster: the lists are this node's. */
    private final ClusterLists cluster;

    InspectRoutes(WebSocketGateway ws, DataSource dataSource, NodeAsker others) {
        this.ws = ws;
        this.events = new EventSearch(dataSource);
        this.cluster = others == null ? null : new ClusterLists(ws.view(), others);
    }

    /** Whether to answer for the whole cluster: on a cluster, unless another node asks for this one's rows. */
    private boolean wide(HttpCall call) {
        return cluster != null && !ConnectionQueryParams.nodeScope(call);
    }

    private static <T> T fromCluster(ApiException.ClusterCall<T> answer) throws ApiException {
        return ApiException.unavailableUnless(answer, "cannot list the cluster's nodes: ",
                "; add scope=node for this node's own list");
    }

    void register(ApiServer server) {
        server.route("GET", "/admin/connections", call -> {
            var q = ConnectionQueryParams.of(call);
            call.json(200, wide(call) ? fromCluster(() -> cluster.connections(q, call.header("Authorization")))
                    : pageJson(ws.view().connections(q)));
        });
        server.route("GET", "/admin/connections/{id}", call -> {
            String id = call.path("id");
            if (wide(call)) {
                call.json(200, fromCluster(() -> cluster.connection(id, call.header("Authorization"))).orElseThrow(
                        () -> new ApiException(404, "not_found", "no open connection " + id + " on any node")));
                return;
            }
            call.json(200, AdminJson.tree(ws.view().connection(id)
                    .orElseThrow(() -> new ApiException(404, "not_found", "no open connection " + id + " on this node"))));
        });
        server.route("GET", "/admin/rooms", call -> call.json(200, wide(call)
                ? fromCluster(() -> cluster.rooms(call.header("Authorization"))) : AdminJson.tree(ws.view().rooms())));
        server.route("GET", "/admin/rooms/{room}/members", call -> {
            String room = call.path("room");
            if (wide(call)) {
                call.json(200, fromCluster(() -> cluster.members(room, call.header("Authorization"))).orElseThrow(
                        () -> new ApiException(404, "not_found", "no connection is in " + room + " on any node")));
                return;
            }
            call.json(200, AdminJson.tree(ws.view().members(room)
                    .orElseThrow(() -> new ApiException(404, "not_found", "no connection is in " + room + " on this node"))));
        });
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
