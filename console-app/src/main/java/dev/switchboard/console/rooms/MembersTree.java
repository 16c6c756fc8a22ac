package dev.switchboard.console.rooms;

import dev.switchboard.console.connections.LagJudge;
import dev.switchboard.console.connections.RoomProgress;
import dev.switchboard.console.connections.RoomState;
import dev.switchboard.model.admin.RoomMembers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A room's members as GET /admin/rooms/{room}/members groups them (user, device, connection), with
 * each connection's figures and lagging judged like on the Connections page ({@link LagJudge}), then
 * the users entitled to the room who have no connection in it, and the counts the header shows.
 * Immutable once built; built on the UI thread (the judge lives there).
 *
 * @param head the room's last offset, or -1 when nobody is in the room (the members answer is 404)
 */
public record MembersTree(String room, long head, List<MemberLine> users, int devices, int connections,
                          int laggingDevices) {

    /**
     * @param answer          who is in the room, or null when nobody is
     * @param entitled        who may join it (its ACL members, or a {@code user:} room's owner)
     * @param connectedOnNode whether a user has a connection on this node at all
     */
    static MembersTree from(String room, RoomMembers answer, List<String> entitled, Predicate<String> connectedOnNode,
                            LagJudge judge) {
        List<MemberLine> users = new ArrayList<>();
        int devices = 0;
        int connections = 0;
        int lagging = 0;
        List<RoomMembers.User> present = answer == null ? List.of() : answer.users();
        for (RoomMembers.User u : present) {
            List<MemberLine> deviceLines = new ArrayList<>();
            for (RoomMembers.Device d : u.devices()) {
                List<MemberLine> connectionLines = new ArrayList<>();
                for (RoomMembers.Member c : d.connections()) {
                    String id = c.connectionId();
                    RoomProgress p = judge.judge(id, RoomState.of(c, room));
                    connectionLines.add(new MemberLine(MemberLine.Kind.CONNECTION, id, c.appVersion(),
                            p.presence(), p.deliveredTo(), p.ackedTo(), p.unsent(), p.unacked(), p.lagging(), List.of(),
                            c.node() == null ? "" : c.node()));
                }
                MemberLine device = MemberLine.group(MemberLine.Kind.DEVICE, d.deviceId(), connectionLines);
                deviceLines.add(device);
                devices++;
                connections += connectionLines.size();
                lagging += device.lagging() ? 1 : 0;
            }
            users.add(MemberLine.group(MemberLine.Kind.USER, u.userId(), deviceLines));
        }
        Set<String> inRoom = new HashSet<>();
        present.forEach(u -> inRoom.add(u.userId()));
        for (String userId : new TreeSet<>(entitled)) {
            if (!inRoom.contains(userId)) {
                users.add(MemberLine.absent(userId, connectedOnNode.test(userId)));
            }
        }
        return new MembersTree(room, answer == null ? -1 : answer.head(), List.copyOf(users), devices, connections,
                lagging);
    }

    /** The users in the room (with a connection in it). */
    public long present() {
        return users.stream().filter(u -> !u.absent()).count();
    }

    /** Entitled users with a line of {@code kind} ({@code OFFLINE} or {@code NOT_JOINED}). */
    public long absent(MemberLine.Kind kind) {
        return users.stream().filter(u -> u.kind() == kind).count();
    }

    /** How many connections {@code userId} has in the room. */
    public int connectionsOf(String userId) {
        MemberLine u = user(userId);
        return u == null ? 0 : u.connections();
    }

    /** The user line of {@code userId}, or null. */
    public MemberLine user(String userId) {
        return users.stream().filter(u -> u.name().equals(userId)).findFirst().orElse(null);
    }
}
