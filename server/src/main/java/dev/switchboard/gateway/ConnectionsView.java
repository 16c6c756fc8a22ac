package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.event.Timestamps;
import dev.switchboard.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read-only views of this node's connections and rooms for the admin API (docs/admin-api.md). They are
 * taken without stopping delivery, so numbers of different connections are each a moment apart.
 */
public final class ConnectionsView {
    private final SessionRegistry sessions;
    private final Rooms rooms;
    private final String node;

    ConnectionsView(SessionRegistry sessions, Rooms rooms, String node) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.node = node;
    }

    /** Connections ordered by id, filtered, after {@code cursor}, at most {@code limit}; {@code next} pages on. */
    public ObjectNode connections(String user, String room, String app, String cursor, int limit) {
        return connections(user, room, app, null, cursor, limit);
    }

    /** As above; a {@code node} other than this one matches nothing (each node lists its own). */
    public ObjectNode connections(String user, String room, String app, String nodeFilter, String cursor, int limit) {
        List<Session> all = new ArrayList<>(nodeFilter == null || nodeFilter.equals(node) ? sessions.all() : List.of());
        all.sort(Comparator.comparing(s -> s.id));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("connections");
        int total = 0;
        String last = null;
        for (Session s : all) {
            if ((user != null && !s.userId().equals(user)) || (app != null && !s.appVersion.equals(app))
                    || (room != null && !s.subscriptions.containsKey(room))) {
                continue;
            }
            total++;
            if (cursor != null && s.id.compareTo(cursor) <= 0) {
                continue;
            }
            if (list.size() < limit) {
                list.add(summary(s));
                last = s.id;
            }
        }
        out.put("total", total);
        if (last != null && list.size() == limit) {
            out.put("next", last);
        } else {
            out.putNull("next");
        }
        return out;
    }

    public Optional<ObjectNode> connection(String id) {
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        ObjectNode d = summary(s);
        d.put("heartbeatAgoMs", (System.nanoTime() - s.lastHeardNanos) / 1_000_000);
        Fault f = s.fault();
        if (f != null) {
            d.set("fault", f.toJson());
        }
        return Optional.of(d);
    }

    private ObjectNode summary(Session s) {
        ObjectNode c = Json.object();
        c.put("connectionId", s.id);
        c.put("userId", s.userId());
        c.put("deviceId", s.deviceId);
        c.put("appVersion", s.appVersion);
        c.put("remoteIp", s.remoteIp);
        c.put("node", node);
        c.put("connectedAt", Timestamps.format(Instant.ofEpochMilli(s.connectedAtMillis)));
        c.put("backlogBytes", s.backlogBytes());
        ArrayNode rs = c.putArray("rooms");
        for (Subscription sub : s.subscriptions.values()) {
            rs.add(membership(sub));
        }
        return c;
    }

    private ObjectNode membership(Subscription sub) {
        ObjectNode r = Json.object();
        r.put("room", sub.room);
        long sent = sub.session.sentTo(sub);
        r.put("deliveredTo", sent);
        r.put("ackedTo", sub.ackedOffset);
        RoomMembers m = rooms.get(sub.room);
        long head = m == null ? 0 : m.head;
        r.put("lag", Math.max(0, head - sent));
        JsonNode state = sub.presenceState;
        if (state != null) {
            r.set("presence", state);
        }
        return r;
    }

    /** Rooms with connections on this node, busiest first. */
    public ArrayNode rooms() {
        List<RoomMembers> all = new ArrayList<>(rooms.all());
        all.sort(Comparator.comparingInt((RoomMembers m) -> m.subscriptions.size()).reversed()
                .thenComparing(m -> m.room));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (RoomMembers m : all) {
            ObjectNode r = out.addObject();
            r.put("room", m.room);
            r.put("connections", m.subscriptions.size());
            r.put("users", m.subscriptions.stream().map(s -> s.session.userId()).distinct().count());
            r.put("head", m.head);
        }
        return out;
    }

    /** A room's members grouped by user, then device, with presence and lag. */
    public Optional<ObjectNode> members(String room) {
        RoomMembers m = rooms.get(room);
        if (m == null) {
            return Optional.empty();
        }
        Map<String, Map<String, ArrayNode>> byUser = new TreeMap<>();
        for (Subscription sub : m.subscriptions) {
            ObjectNode c = membership(sub);
            c.remove("room");
            c.put("connectionId", sub.session.id);
            c.put("appVersion", sub.session.appVersion);
            byUser.computeIfAbsent(sub.session.userId(), u -> new TreeMap<>())
                    .computeIfAbsent(sub.session.deviceId, d -> Json.MAPPER.createArrayNode()).add(c);
        }
        ObjectNode out = Json.object();
        out.put("room", room);
        out.put("head", m.head);
        ArrayNode users = out.putArray("users");
        byUser.forEach((user, devices) -> {
            ObjectNode u = users.addObject();
            u.put("userId", user);
            ArrayNode ds = u.putArray("devices");
            devices.forEach((device, conns) -> {
                ObjectNode d = ds.addObject();
                d.put("deviceId", device);
                d.set("connections", conns);
            });
        });
        return Optional.of(out);
    }
}
