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
import dev.switchboard.model.event.Timestamps;
import dev.switchboard.model.json.Json;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only admin views: connections, rooms and their members, recent events (docs/admin-api.md). */
final class InspectRoutes {
    private static final int MAX_LIMIT = 1000;
    private final WebSocketGateway ws;
    private final DataSource dataSource;

    InspectRoutes(WebSocketGateway ws, DataSource dataSource) {
        this.ws = ws;
        this.dataSource = dataSource;
    }

    void register(ApiServer server) {
        server.route("GET", "/admin/connections", call -> call.json(200, pageJson(ws.view().connections(call.query("user"),
                call.query("room"), call.query("app"), call.query("node"), call.query("cursor"), limit(call, 100)))));
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

    static int limit(HttpCall call, int fallback) throws ApiException {
        String v = call.query("limit");
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("limit: expected a positive whole number, got " + v);
        }
    }

    /** Recent events, newest first, filtered by room, type, resource or id. */
    private void events(HttpCall call) throws ApiException {
        String room = call.query("room");
        List<String> where = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (String[] f : new String[][]{{"type", "e.type"}, {"resource", "e.resource_id"}, {"id", "e.event_id"}}) {
            String v = call.query(f[0]);
            if (v != null && !v.isEmpty()) {
                where.add(f[1] + " = ?");
                args.add(v);
            }
        }
        String sql = room == null || room.isEmpty()
                ? "SELECT e.event_id, e.seq, e.type, e.resource_id, e.version, COALESCE(e.committed_at, e.occurred_at),"
                + " e.room_offsets FROM events e" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY e.seq DESC LIMIT ?"
                : "SELECT e.event_id, e.seq, e.type, e.resource_id, e.version, COALESCE(e.committed_at, e.occurred_at),"
                + " e.room_offsets FROM room_events re JOIN events e ON e.seq = re.seq WHERE re.room = ?"
                + (where.isEmpty() ? "" : " AND " + String.join(" AND ", where)) + " ORDER BY re.room_offset DESC LIMIT ?";
        List<EventList.EventSummary> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (room != null && !room.isEmpty()) {
                ps.setString(i++, room);
            }
            for (String a : args) {
                ps.setString(i++, a);
            }
            ps.setInt(i, limit(call, 50));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new EventList.EventSummary(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), Timestamps.format(Instant.ofEpochMilli(rs.getLong(6))),
                            offsets(rs.getString(7))));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new ApiException(503, "unavailable", "cannot read events: " + e.getMessage());
        }
        call.json(200, AdminJson.tree(new EventList(list)));
    }

    /** The stored {@code {"room": offset, ...}} of an event, in its order. */
    private static Map<String, Long> offsets(String json) throws JsonProcessingException {
        Map<String, Long> out = new LinkedHashMap<>();
        Json.parse(json).fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asLong()));
        return out;
    }
}
