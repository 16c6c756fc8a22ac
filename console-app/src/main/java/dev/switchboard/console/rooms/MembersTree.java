package dev.switchboard.console.rooms;

import dev.switchboard.console.connections.LagJudge;
import dev.switchboard.console.connections.RoomProgress;
import dev.switchboard.console.connections.RoomState;
import dev.switchboard.model.admin.RoomMembers;

import java.util.ArrayList;
import java.util.List;

/**
 * A room's members as GET /admin/rooms/{room}/members groups them (user, device, connection), with
 * each connection's figures and lagging judged like on the Connections page ({@link LagJudge}), and the counts the
 * header shows. Immutable once built; built on the UI thread (the judge lives there).
 */
public record MembersTree(String room, long head, List<MemberLine> users, int devices, int connections,
                          int laggingDevices) {

    static MembersTree from(RoomMembers answer, LagJudge judge) {
        String room = answer.room();
        List<MemberLine> users = new ArrayList<>();
        int devices = 0;
        int connections = 0;
        int lagging = 0;
        for (RoomMembers.User u : answer.users()) {
            List<MemberLine> deviceLines = new ArrayList<>();
            for (RoomMembers.Device d : u.devices()) {
                List<MemberLine> connectionLines = new ArrayList<>();
                for (RoomMembers.Member c : d.connections()) {
                    String id = c.connectionId();
                    RoomProgress p = judge.judge(id, RoomState.of(c, room));
                    connectionLines.add(new MemberLine(MemberLine.Kind.CONNECTION, id, c.appVersion(),
                            p.presence(), p.deliveredTo(), p.ackedTo(), p.unsent(), p.unacked(), p.lagging(), List.of()));
                }
                MemberLine device = MemberLine.group(MemberLine.Kind.DEVICE, d.deviceId(), connectionLines);
                deviceLines.add(device);
                devices++;
                connections += connectionLines.size();
                lagging += device.lagging() ? 1 : 0;
            }
            users.add(MemberLine.group(MemberLine.Kind.USER, u.userId(), deviceLines));
        }
        return new MembersTree(room, answer.head(), List.copyOf(users), devices, connections, lagging);
    }

    /** The user line of {@code userId}, or null. */
    public MemberLine user(String userId) {
        return users.stream().filter(u -> u.name().equals(userId)).findFirst().orElse(null);
    }
}
