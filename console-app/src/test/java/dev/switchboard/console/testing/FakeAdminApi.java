package dev.switchboard.console.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.model.admin.AclMembers;
import dev.switchboard.model.admin.AuditTrail;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.DrainStarted;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultList;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.model.admin.NodeList;
import dev.switchboard.model.admin.NodeStatus;
import dev.switchboard.model.admin.Published;
import dev.switchboard.model.admin.Redelivered;
import dev.switchboard.model.admin.Redelivery;
import dev.switchboard.model.admin.RoomList;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.model.admin.ServerInfo;
import dev.switchboard.model.admin.UserTimelineInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link AdminApi} without a gateway, for view-model tests: each call answers what the test set
 * for it, and a call the test did not set fails with 501 {@code not_faked}, so a view model that asks
 * for something unexpected shows up as a failure, not a hang. Records the calls it got.
 */
public final class FakeAdminApi implements AdminApi {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile Supplier<CompletableFuture<AuditTrail>> audit = FakeAdminApi::notFaked;
    private volatile Supplier<CompletableFuture<NodeStatus>> node = FakeAdminApi::notFaked;
    private volatile Supplier<CompletableFuture<NodeList>> nodes = FakeAdminApi::notFaked;
    private volatile Function<Map<String, String>, CompletableFuture<ConnectionPage>> connections;
    private final List<Map<String, String>> connectionQueries = new CopyOnWriteArrayList<>();
    private volatile Function<String, CompletableFuture<ConnectionInfo>> connection = id -> notFaked();
    private volatile Function<String, CompletableFuture<Redelivered>> redeliver = id -> notFaked();
    private volatile Supplier<CompletableFuture<RoomList>> rooms = FakeAdminApi::notFaked;
    private volatile Supplier<CompletableFuture<EventList>> events = FakeAdminApi::notFaked;
    private volatile Map<String, String> lastEventFilters = Map.of();
    private final Map<String, RoomMembers> roomMembers = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> membersGate;
    private final Map<String, Set<String>> acl = new ConcurrentHashMap<>();
    private volatile AdminCallException aclFailure;
    private final List<FaultInfo> faults = new CopyOnWriteArrayList<>();
    private volatile AdminCallException faultsFailure;

    /** Answers {@code GET /admin/audit} with {@code trail} from now on. */
    public void answerAudit(AuditTrail trail) {
        audit = () -> CompletableFuture.completedFuture(trail);
    }

    /** Fails {@code GET /admin/audit} from now on, as the gateway would with {@code status} and {@code code}. */
    public void failAudit(int status, String code, String message) {
        audit = () -> CompletableFuture.failedFuture(new AdminCallException(status, code, message));
    }

    public void answerNode(NodeStatus status) {
        node = () -> CompletableFuture.completedFuture(status);
    }

    /** Answers {@code GET /admin/nodes} with {@code list} from now on. */
    public void answerNodes(NodeList list) {
        nodes = () -> CompletableFuture.completedFuture(list);
    }

    /** Answers {@code GET /admin/connections} from now on with what {@code page} makes of the query's parameters. */
    public void answerConnections(Function<Map<String, String>, ConnectionPage> page) {
        connections = q -> CompletableFuture.completedFuture(page.apply(q));
    }

    /** As {@link #answerConnections}, with answers that complete when the test completes them. */
    public void answerConnectionsLater(Function<Map<String, String>, CompletableFuture<ConnectionPage>> page) {
        connections = page;
    }

    /** The parameters of every {@code GET /admin/connections} so far, in order. */
    public List<Map<String, String>> connectionQueries() {
        return List.copyOf(connectionQueries);
    }

    /** Answers {@code GET /admin/connections/{id}} from now on. */
    public void answerConnection(Function<String, CompletableFuture<ConnectionInfo>> answer) {
        connection = answer;
    }

    /** Answers {@code POST /admin/connections/{id}/redeliver} from now on (by connection id). */
    public void answerRedeliver(Function<String, CompletableFuture<Redelivered>> answer) {
        redeliver = answer;
    }

    // ---- rooms, their ACL and history: what grant, revoke and clear change, as the gateway would ----

    /** Answers {@code GET /admin/rooms} with {@code rooms} from now on. */
    public void answerRooms(RoomList.RoomSummary... rooms) {
        this.rooms = () -> CompletableFuture.completedFuture(new RoomList(List.of(rooms)));
    }

    /** Who is in {@code members.room()}; a room without an answer is empty (404, as the gateway says). */
    public void answerMembers(RoomMembers members) {
        roomMembers.put(members.room(), members);
    }

    /**
     * Holds the answer of the next {@code GET /admin/rooms/{room}/members}, as it is at the call, until the
     * returned gate completes: a slow answer that a later read overtakes.
     */
    public CompletableFuture<Void> holdNextMembers() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        membersGate = gate;
        return gate;
    }

    /** Lets {@code users} join {@code room}, as grants would. */
    public void allow(String room, String... users) {
        acl.computeIfAbsent(room, r -> new TreeSet<>()).addAll(List.of(users));
    }

    /** The room's ACL as grants and revokes left it. */
    public List<String> aclOf(String room) {
        return List.copyOf(acl.getOrDefault(room, Set.of()));
    }

    /** Fails {@code GET /api/acl/{room}/members} from now on, as the gateway would with {@code status} and {@code code}. */
    public void failAcl(int status, String code, String message) {
        aclFailure = new AdminCallException(status, code, message);
    }

    /** Answers {@code GET /admin/events} with {@code events} from now on; {@link #eventFilters()} tells what was asked. */
    public void answerEvents(EventList events) {
        this.events = () -> CompletableFuture.completedFuture(events);
    }

    /** The filters of the last {@code GET /admin/events}. */
    public Map<String, String> eventFilters() {
        return lastEventFilters;
    }

    /** The faults in force; {@code clearFault} ends one of them. */
    public void answerFaults(FaultInfo... faults) {
        this.faults.clear();
        this.faults.addAll(List.of(faults));
    }

    /** Fails {@code GET /admin/faults} from now on, as the gateway would with {@code status} and {@code code}. */
    public void failFaults(int status, String code, String message) {
        faultsFailure = new AdminCallException(status, code, message);
    }

    /** The calls made so far, by name ({@code audit}, {@code node}, ...). */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private static <T> CompletableFuture<T> notFaked() {
        return failed(501, "not_faked", "the test did not fake this call");
    }

    private static <T> CompletableFuture<T> failed(int status, String code, String message) {
        return CompletableFuture.failedFuture(new AdminCallException(status, code, message));
    }

    private <T> CompletableFuture<T> called(String name, Supplier<CompletableFuture<T>> answer) {
        calls.add(name);
        return answer.get();
    }

    @Override
    public String baseUrl() {
        return "http://fake.invalid";
    }

    @Override
    public String token() {
        return "fake-token";
    }

    @Override
    public CompletableFuture<ServerInfo> info() {
        return called("info", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<NodeStatus> node() {
        return called("node", node);
    }

    @Override
    public CompletableFuture<NodeList> nodes() {
        return called("nodes", nodes);
    }

    @Override
    public CompletableFuture<NodeStatus> stats() {
        return called("stats", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<DrainStarted> drain() {
        return called("drain", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<ConnectionPage> connections(Map<String, String> filters) {
        Function<Map<String, String>, CompletableFuture<ConnectionPage>> page = connections;
        if (page == null) {
            return called("connections", FakeAdminApi::notFaked);
        }
        connectionQueries.add(Map.copyOf(filters));
        return called("connections", () -> page.apply(filters));
    }

    @Override
    public CompletableFuture<ConnectionInfo> connection(String connectionId) {
        return called("connection", () -> connection.apply(connectionId));
    }

    @Override
    public CompletableFuture<Void> disconnect(String connectionId) {
        return called("disconnect", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<Redelivered> redeliver(String connectionId, Redelivery redelivery) {
        return called("redeliver", () -> redeliver.apply(connectionId));
    }

    @Override
    public CompletableFuture<RoomList> rooms() {
        return called("rooms", rooms);
    }

    @Override
    public CompletableFuture<RoomMembers> members(String room) {
        return called("members", () -> {
            RoomMembers now = roomMembers.get(room);
            CompletableFuture<RoomMembers> answer = now == null ? failed(404, "not_found", "nobody is in " + room)
                    : CompletableFuture.completedFuture(now);
            CompletableFuture<Void> gate = membersGate;
            membersGate = null;
            return gate == null ? answer : gate.thenCompose(open -> answer);
        });
    }

    @Override
    public CompletableFuture<AclMembers> aclMembers(String room) {
        return called("aclMembers", () -> {
            if (room.startsWith("user:")) {
                return failed(422, "invalid", "room: user: rooms are not in the ACL; only their own user may join them");
            }
            return aclFailure != null ? CompletableFuture.failedFuture(aclFailure)
                    : CompletableFuture.completedFuture(new AclMembers(room, aclOf(room)));
        });
    }

    @Override
    public CompletableFuture<Void> grant(String room, String userId) {
        return called("grant", () -> {
            allow(room, userId);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Like the gateway: the user leaves the ACL and its connections leave the room. */
    @Override
    public CompletableFuture<Void> revoke(String room, String userId) {
        return called("revoke", () -> {
            acl.getOrDefault(room, new TreeSet<>()).remove(userId);
            roomMembers.computeIfPresent(room, (r, m) -> {
                List<RoomMembers.User> left = new ArrayList<>(m.users());
                left.removeIf(u -> u.userId().equals(userId));
                return left.isEmpty() ? null : new RoomMembers(r, m.head(), left);
            });
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletableFuture<EventList> events(Map<String, String> filters) {
        lastEventFilters = new HashMap<>(filters);
        return called("events", events);
    }

    @Override
    public CompletableFuture<EventTraceInfo> trace(String eventId) {
        return called("trace", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<UserTimelineInfo> timeline(String userId, String from, String to) {
        return called("timeline", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<Published> publish(JsonNode event) {
        return called("publish", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<FaultInfo> injectFault(FaultRequest fault) {
        return called("injectFault", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<FaultList> faults() {
        return called("faults", () -> faultsFailure != null ? CompletableFuture.failedFuture(faultsFailure)
                : CompletableFuture.completedFuture(new FaultList(faults)));
    }

    @Override
    public CompletableFuture<Void> clearFault(String faultId) {
        return called("clearFault", () -> faults.removeIf(f -> faultId.equals(f.faultId()))
                ? CompletableFuture.<Void>completedFuture(null) : failed(404, "not_found", "no fault " + faultId));
    }

    @Override
    public CompletableFuture<AuditTrail> audit(int limit) {
        return called("audit", audit);
    }
}
