package dev.switchboard.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.RoomList;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.model.event.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read-only views of this node's connections and rooms for the admin API (docs/admin-api.md), as the
 * admin client's records. They are taken without stopping delivery, so numbers of different
 * connections are each a moment apart.
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
    public ConnectionPage connections(String user, String room, String app, String cursor, int limit) {
        return connections(user, room, app, null, cursor, limit);
    }

    /** As above; a {@code node} other than this one matches nothing (each node lists its own). */
    public ConnectionPage connections(String user, String room, String app, String nodeFilter, String cursor, int limit) {
        List<Session> all = new ArrayList<>(nodeFilter == null || nodeFilter.equals(node) ? sessions.all() : List.of());
        all.sort(Comparator.comparing(s -> s.id));
        List<ConnectionInfo> page = new ArrayList<>();
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
            if (page.size() < limit) {
                page.add(summary(s, null, null));
                last = s.id;
            }
        }
        return new ConnectionPage(page, total, last != null && page.size() == limit ? last : null);
    }

    /** One connection with its heartbeat age and its injected fault, if any. */
    public Optional<ConnectionInfo> connection(String id) {
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        ObjectNode fault = s.decoration();
        return Optional.of(summary(s, (System.nanoTime() - s.lastHeardNanos) / 1_000_000, fault == null ? null : fault(fault)));
    }

    private static FaultInfo fault(ObjectNode described) {
        try {
            return AdminJson.read(described, FaultInfo.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fault described itself in a shape FaultInfo does not read", e);
        }
    }

    private ConnectionInfo summary(Session s, Long heartbeatAgoMs, FaultInfo fault) {
        List<ConnectionInfo.RoomProgress> progress = new ArrayList<>();
        for (Subscription sub : s.subscriptions.values()) {
            progress.add(progress(sub));
        }
        return new ConnectionInfo(s.id, s.userId(), s.deviceId, s.appVersion, s.remoteIp, node,
                Timestamps.format(Instant.ofEpochMilli(s.connectedAtMillis)), s.backlogBytes(), progress, heartbeatAgoMs, fault);
    }

    /** One membership's figures against the room's head, the same head {@link #rooms()} shows. */
    private ConnectionInfo.RoomProgress progress(Subscription sub) {
        long delivered = sub.session.deliveredTo(sub);
        LiveRoom m = rooms.get(sub.room);
        // A delivery counts as soon as it is queued, before the fanout's head of the room is read.
        long head = Math.max(delivered, m == null ? 0 : m.head());
        return ConnectionInfo.RoomProgress.of(sub.room, head, delivered, sub.ackedOffset, sub.startedFrom,
                sub.presenceState);
    }

    /** Rooms with connections on this node, busiest first. */
    public RoomList rooms() {
        List<LiveRoom> all = new ArrayList<>(rooms.all());
        all.sort(Comparator.comparingInt((LiveRoom m) -> m.subscriptions.size()).reversed()
                .thenComparing(m -> m.room));
        List<RoomList.RoomSummary> out = new ArrayList<>();
        for (LiveRoom m : all) {
            out.add(new RoomList.RoomSummary(m.room, m.subscriptions.size(),
                    m.subscriptions.stream().map(s -> s.session.userId()).distinct().count(), m.head()));
        }
        return new RoomList(out);
    }

    /** A room's members grouped by user, then device, with presence and their figures. */
    public Optional<RoomMembers> members(String room) {
        LiveRoom m = rooms.get(room);
        if (m == null) {
            return Optional.empty();
        }
        Map<String, Map<String, List<RoomMembers.Member>>> byUser = new TreeMap<>();
        for (Subscription sub : m.subscriptions) {
            byUser.computeIfAbsent(sub.session.userId(), u -> new TreeMap<>())
                    .computeIfAbsent(sub.session.deviceId, d -> new ArrayList<>())
                    .add(RoomMembers.Member.of(sub.session.id, sub.session.appVersion, progress(sub)));
        }
        List<RoomMembers.User> users = new ArrayList<>();
        byUser.forEach((user, devices) -> {
            List<RoomMembers.Device> ds = new ArrayList<>();
            devices.forEach((device, conns) -> ds.add(new RoomMembers.Device(device, conns)));
            users.add(new RoomMembers.User(user, ds));
        });
        return Optional.of(new RoomMembers(room, m.head(), users));
    }
}
