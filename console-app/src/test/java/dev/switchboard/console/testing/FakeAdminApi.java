package dev.switchboard.console.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.model.admin.AuditTrail;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.DrainStarted;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultList;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.model.admin.NodeStatus;
import dev.switchboard.model.admin.Published;
import dev.switchboard.model.admin.Redelivered;
import dev.switchboard.model.admin.Redelivery;
import dev.switchboard.model.admin.RoomList;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.model.admin.ServerInfo;
import dev.switchboard.model.admin.UserTimelineInfo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    private volatile Function<Map<String, String>, CompletableFuture<ConnectionPage>> connections;
    private final List<Map<String, String>> connectionQueries = new CopyOnWriteArrayList<>();
    private volatile Function<String, CompletableFuture<ConnectionInfo>> connection = id -> notFaked();
    private volatile Function<String, CompletableFuture<Redelivered>> redeliver = id -> notFaked();

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

    /** The calls made so far, by name ({@code audit}, {@code node}, ...). */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private static <T> CompletableFuture<T> notFaked() {
        return CompletableFuture.failedFuture(new AdminCallException(501, "not_faked", "the test did not fake this call"));
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
        return called("rooms", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<RoomMembers> members(String room) {
        return called("members", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<EventList> events(Map<String, String> filters) {
        return called("events", FakeAdminApi::notFaked);
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
        return called("faults", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<Void> clearFault(String faultId) {
        return called("clearFault", FakeAdminApi::notFaked);
    }

    @Override
    public CompletableFuture<AuditTrail> audit(int limit) {
        return called("audit", audit);
    }
}
