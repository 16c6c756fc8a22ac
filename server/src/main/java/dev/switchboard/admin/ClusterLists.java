package dev.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.NodeAsker;
import dev.switchboard.gateway.ConnectionQuery;
import dev.switchboard.gateway.ConnectionsView;
import dev.switchboard.http.ApiException;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.ConnectionSort;
import dev.switchboard.model.admin.RoomList;
import dev.switchboard.model.admin.RoomMembers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The admin lists of a cluster (docs/admin-api.md, "On a cluster"): this node's answer and every other
 * live node's ({@link NodeAsker}), merged into one as if one node held every connection: connections
 * filtered, sorted and paged over the cluster, rooms summed by name, a room's members from every node,
 * each row naming its node. Nodes that did not answer in time are listed in {@code unanswered}, so a
 * partial answer never passes for a whole one.
 *
 * <p>Threads: an HTTP worker's, which waits for the other nodes for at most {@link NodeAsker#TIMEOUT}.
 */
final class ClusterLists {
    /** Paging by offset over a cluster asks every node for offset + limit rows: bounded here. */
    static final int MAX_WINDOW = 10_000;

    private final ConnectionsView view;
    private final NodeAsker others;

    ClusterLists(ConnectionsView view, NodeAsker others) {
        this.view = view;
        this.others = others;
    }

    ObjectNode connections(ConnectionQuery q, String authorization) throws Exception {
        int window = (q.offset() == null ? 0 : q.offset()) + q.limit();
        if (window > MAX_WINDOW) {
            throw ApiException.invalid("offset: on a cluster, offset + limit may be at most " + MAX_WINDOW
                    + "; narrow the filter (user, room, node, lagging) instead of paging that far");
        }
        ConnectionQuery wide = q.withPage(q.cursor(), q.offset() == null ? null : 0, window);
        ConnectionPage mine = view.connections(wide);
        NodeAsker.Answers answers = others.ask("/admin/connections?" + query(wide), authorization);
        List<ConnectionInfo> all = new ArrayList<>(mine.connections());
        long total = mine.total();
        boolean more = mine.next() != null;
        for (JsonNode body : answers.bodies().values()) {
            ConnectionPage p = AdminJson.read(body, ConnectionPage.class);
            all.addAll(p.connections());
            total += p.total();
            more |= p.next() != null;
        }
        Comparator<ConnectionInfo> order = order(q.sort());
        all.sort(q.descending() ? order.reversed() : order);
        ConnectionPage page;
        if (q.offset() == null) {
            List<ConnectionInfo> rows = all.subList(0, Math.min(q.limit(), all.size()));
            boolean full = rows.size() == q.limit() && (all.size() > q.limit() || more);
            page = new ConnectionPage(rows, total, full ? rows.get(rows.size() - 1).connectionId() : null);
        } else {
            int from = Math.min(q.offset(), all.size());
            int to = Math.min(from + q.limit(), all.size());
            page = new ConnectionPage(all.subList(from, to), total, to < total ? Integer.toString(to) : null, from);
        }
        return withUnanswered(InspectRoutes.pageJson(page), answers);
    }

    /** One connection, from whichever node holds it. */
    Optional<JsonNode> connection(String id, String authorization) throws Exception {
        Optional<ConnectionInfo> mine = view.connection(id);
        if (mine.isPresent()) {
            return Optional.of(AdminJson.tree(mine.get()));
        }
        NodeAsker.Answers answers = others.ask("/admin/connections/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                authorization);
        return answers.bodies().values().stream().findFirst();
    }

    ObjectNode rooms(String authorization) throws Exception {
        NodeAsker.Answers answers = others.ask("/admin/rooms", authorization);
        Map<String, long[]> byRoom = new TreeMap<>();
        List<RoomList> lists = new ArrayList<>();
        lists.add(view.rooms());
        for (JsonNode body : answers.bodies().values()) {
            lists.add(AdminJson.read(body, RoomList.class));
        }
        for (RoomList list : lists) {
            for (RoomList.RoomSummary r : list.rooms()) {
                long[] sums = byRoom.computeIfAbsent(r.room(), k -> new long[3]);
                sums[0] += r.connections();
                sums[1] += r.users();
                sums[2] = Math.max(sums[2], r.head());
            }
        }
        List<RoomList.RoomSummary> rooms = new ArrayList<>();
        byRoom.forEach((room, s) -> rooms.add(new RoomList.RoomSummary(room, s[0], s[1], s[2])));
        rooms.sort(Comparator.comparingLong(RoomList.RoomSummary::connections).reversed()
                .thenComparing(RoomList.RoomSummary::room));
        return withUnanswered((ObjectNode) AdminJson.tree(new RoomList(rooms)), answers);
    }

    /** A room's members on every node; empty when no node has a connection in it. */
    Optional<ObjectNode> members(String room, String authorization) throws Exception {
        NodeAsker.Answers answers = others.ask("/admin/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/members", authorization);
        List<RoomMembers> parts = new ArrayList<>();
        view.members(room).ifPresent(parts::add);
        for (JsonNode body : answers.bodies().values()) {
            parts.add(AdminJson.read(body, RoomMembers.class));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        long head = 0;
        Map<String, Map<String, List<RoomMembers.Member>>> byUser = new TreeMap<>();
        for (RoomMembers part : parts) {
            head = Math.max(head, part.head());
            for (RoomMembers.User u : part.users()) {
                for (RoomMembers.Device d : u.devices()) {
                    byUser.computeIfAbsent(u.userId(), k -> new TreeMap<>())
                            .computeIfAbsent(d.deviceId(), k -> new ArrayList<>()).addAll(d.connections());
                }
            }
        }
        List<RoomMembers.User> users = new ArrayList<>();
        byUser.forEach((user, devices) -> {
            List<RoomMembers.Device> ds = new ArrayList<>();
            devices.forEach((device, conns) -> ds.add(new RoomMembers.Device(device, conns)));
            users.add(new RoomMembers.User(user, ds));
        });
        return Optional.of(withUnanswered((ObjectNode) AdminJson.tree(new RoomMembers(room, head, users)), answers));
    }

    private static ObjectNode withUnanswered(ObjectNode out, NodeAsker.Answers answers) {
        ArrayNode nodes = out.putArray("unanswered");
        answers.unanswered().forEach(nodes::add);
        return out;
    }

    /** The order of {@link ConnectionsView}'s, on the rows the nodes answered: ties by id. */
    private static Comparator<ConnectionInfo> order(ConnectionSort sort) {
        Comparator<ConnectionInfo> byId = Comparator.comparing(ConnectionInfo::connectionId);
        return switch (sort) {
            case ID -> byId;
            case CONNECTED_AT -> Comparator.comparing((ConnectionInfo c) -> Instant.parse(c.connectedAt())).thenComparing(byId);
            case UNSENT -> Comparator.comparingLong((ConnectionInfo c) -> max(c, true)).thenComparing(byId);
            case UNACKED -> Comparator.comparingLong((ConnectionInfo c) -> max(c, false)).thenComparing(byId);
            case BACKLOG -> Comparator.comparingLong(ConnectionInfo::backlogBytes).thenComparing(byId);
        };
    }

    private static long max(ConnectionInfo c, boolean unsent) {
        long m = 0;
        for (ConnectionInfo.RoomProgress p : c.rooms()) {
            m = Math.max(m, unsent ? p.unsent() : p.unacked());
        }
        return m;
    }

    /** The query string that asks another node the same question. */
    static String query(ConnectionQuery q) {
        StringJoiner out = new StringJoiner("&");
        add(out, "user", q.user());
        add(out, "device", q.device());
        add(out, "room", q.room());
        add(out, "app", q.app());
        add(out, "node", q.node());
        add(out, "q", q.words().isEmpty() ? null : String.join(" ", q.words()));
        add(out, "lagging", q.lagging() ? "true" : null);
        add(out, "minUnsent", q.minUnsent() > 0 ? Long.toString(q.minUnsent()) : null);
        add(out, "minUnacked", q.minUnacked() > 0 ? Long.toString(q.minUnacked()) : null);
        add(out, "minBacklog", q.minBacklog() > 0 ? Long.toString(q.minBacklog()) : null);
        add(out, "sort", q.sort().param());
        add(out, "order", q.descending() ? "desc" : "asc");
        add(out, "cursor", q.cursor());
        add(out, "offset", q.offset() == null ? null : Integer.toString(q.offset()));
        add(out, "limit", Integer.toString(q.limit()));
        return out.toString();
    }

    private static void add(StringJoiner out, String name, String value) {
        if (value != null) {
            out.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }
}
