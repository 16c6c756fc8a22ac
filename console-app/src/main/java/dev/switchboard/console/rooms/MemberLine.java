package dev.switchboard.console.rooms;

import java.util.List;

/**
 * One line of a room's members tree: a user, one of its devices, or one connection of that device; or
 * a user entitled to the room (its ACL, or the owner of a {@code user:} room) with no connection in it,
 * either {@code OFFLINE} (no connection on this node) or {@code NOT_JOINED} (connected, not in the room).
 * Group lines carry the largest {@code unsent} and {@code unacked} below them and whether anything
 * below is lagging; connection lines carry their own offsets, the gateway's figures (docs/admin-api.md,
 * "Progress figures"), presence (compact JSON) and the node that holds them (a cluster lists every node's). Offsets of group lines are -1 (not shown). Immutable.
 */
public record MemberLine(Kind kind, String name, String appVersion, String presence, long deliveredTo, long ackedTo,
                         long unsent, long unacked, boolean lagging, List<MemberLine> children, String node) {

    public enum Kind { USER, DEVICE, CONNECTION, OFFLINE, NOT_JOINED }

    /** An entitled user with no connection in the room: shown greyed, without figures. */
    static MemberLine absent(String userId, boolean connectedOnNode) {
        return new MemberLine(connectedOnNode ? Kind.NOT_JOINED : Kind.OFFLINE, userId, "", "", -1, -1, 0, 0, false,
                List.of(), "");
    }

    /** True for an entitled user with no connection in the room. */
    public boolean absent() {
        return kind == Kind.OFFLINE || kind == Kind.NOT_JOINED;
    }

    /** The connections below this line (itself, for a connection line). */
    public int connections() {
        return kind == Kind.CONNECTION ? 1 : children.stream().mapToInt(MemberLine::connections).sum();
    }

    /** A stable key for remembering which lines the user collapsed: {@code alice}, {@code alice/phone}. */
    public String key(String parentKey) {
        return parentKey == null ? name : parentKey + "/" + name;
    }

    static MemberLine group(Kind kind, String name, List<MemberLine> children) {
        long unsent = 0;
        long unacked = 0;
        boolean lagging = false;
        for (MemberLine c : children) {
            unsent = Math.max(unsent, c.unsent);
            unacked = Math.max(unacked, c.unacked);
            lagging |= c.lagging;
        }
        String app = children.stream().map(MemberLine::appVersion).distinct().count() == 1
                ? children.get(0).appVersion() : "";
        return new MemberLine(kind, name, app, "", -1, -1, unsent, unacked, lagging, List.copyOf(children), "");
    }
}
