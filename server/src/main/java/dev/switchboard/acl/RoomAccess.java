package dev.switchboard.acl;

import dev.switchboard.auth.Principal;
import dev.switchboard.model.room.RoomName;

/**
 * The one access rule for reading a room, shared by HTTP recovery and WebSocket joins
 * (PROTOCOL.md §2): services and admins read everything; a user reads its own {@code user:} room and
 * the rooms the ACL grants it, never another user's {@code user:} room.
 */
public final class RoomAccess {
    private final AclStore acl;

    public RoomAccess(AclStore acl) {
        this.acl = acl;
    }

    public boolean mayRead(Principal principal, RoomName room) {
        if (principal.role().mayReadEveryRoom()) {
            return true;
        }
        if (room.isUserRoom()) {
            return room.id().equals(principal.userId());
        }
        return acl.isMember(room.toString(), principal.userId());
    }
}
