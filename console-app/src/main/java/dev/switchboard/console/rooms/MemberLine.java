package dev.switchboard.console.rooms;

import java.util.List;

/**
 * One line of a room's members tree: a user, one of its devices, or one connection of that device.
 * Group lines carry the largest lag below them and whether anything below is lagging; connection
 * lines carry their own offsets, lag behind the room's head and presence (compact JSON). Offsets of
 * group lines are -1 (not shown). Immutable.
 */
public record MemberLine(Kind kind, String name, String appVersion, String presence, long deliveredTo, long ackedTo,
                         long lag, boolean lagging, List<MemberLine> children) {

    public enum Kind { USER, DEVICE, CONNECTION }

    /** A stable key for remembering which lines the user collapsed: {@code alice}, {@code alice/phone}. */
    public String key(String parentKey) {
        return parentKey == null ? name : parentKey + "/" + name;
    }

    static MemberLine group(Kind kind, String name, List<MemberLine> children) {
        long lag = 0;
        boolean lagging = false;
        for (MemberLine c : children) {
            lag = Math.max(lag, c.lag);
            lagging |= c.lagging;
        }
        String app = children.stream().map(MemberLine::appVersion).distinct().count() == 1
                ? children.get(0).appVersion() : "";
        return new MemberLine(kind, name, app, "", -1, -1, lag, lagging, List.copyOf(children));
    }
}
