package dev.switchboard.adminclient;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A gateway's admin HTTP API (docs/admin-api.md) and the few public routes admin tools use, as
 * asynchronous calls. Every method returns at once; a failed call completes exceptionally with
 * {@link AdminCallException}. {@link AdminHttpClient} is the real one; a view model's test passes a
 * fake, so it runs without a gateway.
 */
public interface AdminApi {
    /** The base URL calls go to, {@code http(s)://host:port}, without a trailing slash. */
    String baseUrl();

    /** The admin token the calls carry (the simulator reuses it as its service token). */
    String token();

    // ---- node ----------------------------------------------------------------------------------

    /** {@code GET /api/info}: where the WebSocket port is. */
    CompletableFuture<ServerInfo> info();

    CompletableFuture<NodeStatus> node();

    /** {@code GET /admin/stats}: the node plus live figures ({@link NodeStatus#stats()}). */
    CompletableFuture<NodeStatus> stats();

    CompletableFuture<DrainStarted> drain();

    /** {@code GET /admin/nodes}: the cluster's nodes (just this one on a log it writes alone). */
    CompletableFuture<NodeList> nodes();

    // ---- connections and rooms -----------------------------------------------------------------

    /**
     * {@code GET /admin/connections}: one page of the node's connections. {@code filters}: user, device, room,
     * app, node, q, lagging, minUnsent, minUnacked, minBacklog, sort, order, cursor or offset, limit
     * (docs/admin-api.md); null or blank values are left out.
     */
    CompletableFuture<ConnectionPage> connections(Map<String, String> filters);

    CompletableFuture<ConnectionInfo> connection(String connectionId);

    /** Closes the connection with 4010; fails with 404 when it is not open on this node. */
    CompletableFuture<Void> disconnect(String connectionId);

    CompletableFuture<Redelivered> redeliver(String connectionId, Redelivery redelivery);

    CompletableFuture<RoomList> rooms();

    CompletableFuture<RoomMembers> members(String room);

    // ---- room access (the ACL, PROTOCOL.md §2; admin tokens may manage it like a service) --------

    /** {@code GET /api/acl/{room}/members}; fails with 422 for a {@code user:} room, which has no ACL. */
    CompletableFuture<AclMembers> aclMembers(String room);

    /** {@code PUT /api/acl/{room}/members/{user}}; granting twice is a no-op. */
    CompletableFuture<Void> grant(String room, String userId);

    /**
     * {@code DELETE /api/acl/{room}/members/{user}}. The gateway answers once the user's connections on
     * it have left the room (each is sent {@code revoked}); revoking a non-member is a no-op.
     */
    CompletableFuture<Void> revoke(String room, String userId);

    // ---- events and traces ---------------------------------------------------------------------

    /**
     * {@code GET /admin/events}: a page of a search of the log, newest first. {@code filters}: room, type,
     * resource, id, actor, from, to, fromOffset, toOffset, before (the previous page's {@link EventList#next()}),
     * limit; null or blank values are left out.
     */
    CompletableFuture<EventList> events(Map<String, String> filters);

    /** {@code GET /admin/events/{id}/trace}; fails with 404 when no event has this id. */
    CompletableFuture<EventTraceInfo> trace(String eventId);

    /**
     * {@code GET /admin/users/{id}/timeline}.
     * {@code from}/{@code to}: ISO-8601 or epoch millis, or null for the gateway's default (24 h).
     */
    CompletableFuture<UserTimelineInfo> timeline(String userId, String from, String to);

    /**
     * {@code POST /api/events} (PROTOCOL §3): an admin token may publish. Answers the 201 body (or the
     * first publish's, for a repeat of an event id). {@code event} stays a tree: it is the caller's event.
     */
    CompletableFuture<Published> publish(JsonNode event);

    // ---- faults and audit ----------------------------------------------------------------------

    CompletableFuture<FaultInfo> injectFault(FaultRequest fault);

    CompletableFuture<FaultList> faults();

    CompletableFuture<Void> clearFault(String faultId);

    CompletableFuture<AuditTrail> audit(int limit);
}
