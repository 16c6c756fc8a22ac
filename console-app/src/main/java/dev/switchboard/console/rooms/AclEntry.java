package dev.switchboard.console.rooms;

/**
 * One user of a room's ACL as the Access tab lists it, with where the user is now on this node:
 * {@code in the room (2 connections)}, {@code connected, not in the room} or {@code offline}. Immutable.
 */
public record AclEntry(String userId, String where) {

    static AclEntry of(String userId, MembersTree tree) {
        MemberLine line = tree == null ? null : tree.user(userId);
        if (line == null || line.kind() == MemberLine.Kind.OFFLINE) {
            return new AclEntry(userId, "offline");
        }
        if (line.kind() == MemberLine.Kind.NOT_JOINED) {
            return new AclEntry(userId, "connected, not in the room");
        }
        int n = line.connections();
        return new AclEntry(userId, "in the room (" + n + (n == 1 ? " connection)" : " connections)"));
    }
}
