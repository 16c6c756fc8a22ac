package dev.switchboard.model.admin;

import java.util.List;

/**
 * {@code GET /api/acl/{room}/members}: the users the room's ACL lets join it, by user id. Service and
 * admin tokens may read it; {@code user:} rooms have no ACL (only their own user may join them).
 */
public record AclMembers(String room, List<String> members) {
    public AclMembers {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
