package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.acl.AclStore;
import dev.switchboard.audit.AuditLog;
import dev.switchboard.auth.Principal;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.room.RoomName;

import java.util.regex.Pattern;

/**
 * The ACL endpoints (PROTOCOL.md §2), for service and admin tokens. A grant or revoke by an admin token
 * (the console) is an admin action and is audited first, like the admin API's; a backend's are not.
 */
public final class AclRoutes {
    private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final Authenticator auth;
    private final AclStore acl;
    private final AuditLog audit;

    public AclRoutes(Authenticator auth, AclStore acl, AuditLog audit) {
        this.auth = auth;
        this.acl = acl;
        this.audit = audit;
    }

    public void register(ApiServer server) {
        server.route("PUT", "/api/acl/{room}/members/{user}", this::grant);
        server.route("DELETE", "/api/acl/{room}/members/{user}", this::revoke);
        server.route("GET", "/api/acl/{room}/members", this::members);
    }

    private void grant(HttpCall call) throws ApiException {
        Principal p = auth.requireAclManager(call);
        String room = aclRoom(call).toString();
        String user = user(call);
        auditAdmin(p, "acl.grant", room, user);
        acl.grant(room, user);
        call.noContent();
    }

    private void revoke(HttpCall call) throws ApiException {
        Principal p = auth.requireAclManager(call);
        String room = aclRoom(call).toString();
        String user = user(call);
        auditAdmin(p, "acl.revoke", room, user);
        acl.revoke(room, user);
        call.noContent();
    }

    private void auditAdmin(Principal p, String action, String room, String user) {
        if (p.role().mayAdminister()) {
            audit.record(p.userId(), action, "room:" + room, user);
        }
    }

    private void members(HttpCall call) throws ApiException {
        auth.requireAclManager(call);
        RoomName room = aclRoom(call);
        ObjectNode body = Json.object();
        body.put("room", room.toString());
        ArrayNode members = body.putArray("members");
        acl.members(room.toString()).forEach(members::add);
        call.json(200, body);
    }

    private static RoomName aclRoom(HttpCall call) throws ApiException {
        RoomName room = RoomRoutes.room(call.path("room"));
        if (room.isUserRoom()) {
            throw ApiException.invalid("room: user: rooms are not in the ACL; only their own user may join them");
        }
        return room;
    }

    private static String user(HttpCall call) throws ApiException {
        String user = call.path("user");
        if (user == null || !USER_ID.matcher(user).matches()) {
            throw ApiException.invalid("userId: must be 1 to 128 printable characters without spaces");
        }
        return user;
    }
}
