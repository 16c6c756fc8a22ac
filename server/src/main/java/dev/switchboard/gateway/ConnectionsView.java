package dev.switchboard.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.ConnectionSort;
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
        return connections(new ConnectionQuery(user, null, room, app, nodeFilter, List.of(), false, 0, 0, 0,
                ConnectionSort.ID, false, cursor, null, limit));
    }

    /**
     * One page of the connections {@code q} matches, in its order, with how many match in all. The
     * node's open connections are read once; only the matches are sorted, and the figures of a
     * connection are computed once, so a filter and the page it answers agree.
     */
    public ConnectionPage connections(ConnectionQuery q) {
        List<Listed> matches = new ArrayList<>();
        if (q.node() == null || q.node().equals(node)) {
            for (Session s : sessions.all()) {
                Listed l = match(q, s);
                if (l != null) {
                    matches.add(l);
                }
            }
        }
        Comparator<Listed> order = order(q.sort());
        matches.sort(q.descending() ? order.reversed() : order);
        return q.offset() == null ? afterCursor(q, matches) : fromOffset(q, matches);
    }

    /** A connection {@code q} matches, with its figures when {@code q} needs them; null when it does not match. */
    private Listed match(ConnectionQuery q, Session s) {
        if ((q.user() != null && !s.userId().equals(q.user())) || (q.device() != null && !s.deviceId.equals(q.device()))
                || (q.app() != null && !s.appVersion.equals(q.app()))
                || (q.room() != null && !s.subscriptions.containsKey(q.room()))
                || !q.wordsMatch(s.id, s.userId(), s.deviceId, s.appVersion, s.remoteIp)) {
            return null;
        }
        long backlog = s.backlogBytes();
        if (!q.onFigures() && q.minBacklog() <= 0) {
            return new Listed(s, null, 0, 0, backlog);
        }
        ConnectionInfo info = summary(s, null, null);
        long unsent = 0;
        long unacked = 0;
        for (ConnectionInfo.RoomProgress p : info.rooms()) {
            unsent = Math.max(unsent, p.unsent());
            unacked = Math.max(unacked, p.unacked());
        }
        return q.figuresMatch(unsent, unacked, backlog) ? new Listed(s, info, unsent, unacked, backlog) : null;
    }

    /** The sort's order, ascending; ties by id, so pages of one moment neither repeat nor skip. */
    private static Comparator<Listed> order(ConnectionSort sort) {
        Comparator<Listed> byId = Comparator.comparing(l -> l.session.id);
        return switch (sort) {
            case ID -> byId;
            case CONNECTED_AT -> Comparator.comparingLong((Listed l) -> l.session.connectedAtMillis).thenComparing(byId);
            case UNSENT -> Comparator.comparingLong((Listed l) -> l.unsent).thenComparing(byId);
            case UNACKED -> Comparator.comparingLong((Listed l) -> l.unacked).thenComparing(byId);
            case BACKLOG -> Comparator.comparingLong((Listed l) -> l.backlog).thenComparing(byId);
        };
    }

    /** The page after the id cursor (sort by id only: before it when descending); {@code next} is its last id. */
    private ConnectionPage afterCursor(ConnectionQuery q, List<Listed> matches) {
        List<ConnectionInfo> page = new ArrayList<>();
        String last = null;
        for (Listed l : matches) {
            if (q.cursor() != null) {
                int c = l.session.id.compareTo(q.cursor());
                if (q.descending() ? c >= 0 : c <= 0) {
                    continue;
                }
            }
            if (page.size() == q.limit()) {
                break;
            }
            page.add(l.info());
            last = l.session.id;
        }
        return new ConnectionPage(page, matches.size(), last != null && page.size() == q.limit() ? last : null);
    }

    /** The page from {@code offset}; {@code next} is the next page's offset, null on the last page. */
    private ConnectionPage fromOffset(ConnectionQuery q, List<Listed> matches) {
        int from = Math.min(q.offset(), matches.size());
        int to = (int) Math.min((long) from + q.limit(), matches.size());
        List<ConnectionInfo> page = new ArrayList<>(to - from);
        for (Listed l : matches.subList(from, to)) {
            page.add(l.info());
        }
        return new ConnectionPage(page, matches.size(), to < matches.size() ? Integer.toString(to) : null, from);
    }

    /** One match: its session, its summary when the query needed its figures, and what it sorts by. */
    private final class Listed {
        final Session session;
        final long unsent;
        final long unacked;
        final long backlog;
        private ConnectionInfo info;

        Listed(Session session, ConnectionInfo info, long unsent, long unacked, long backlog) {
            this.session = session;
            this.info = info;
            this.unsent = unsent;
            this.unacked = unacked;
            this.backlog = backlog;
        }

        /** The summary listed; made only for the connections of the page when the query did not need it. */
        ConnectionInfo info() {
            if (info == null) {
                info = summary(session, null, null);
            }
            return info;
        }
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
                    .add(RoomMembers.Member.of(sub.session.id, sub.session.appVersion, progress(sub), node));
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
