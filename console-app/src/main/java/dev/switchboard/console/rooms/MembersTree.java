package dev.switchboard.console.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.connections.LagJudge;
import dev.switchboard.console.connections.RoomProgress;
import dev.switchboard.console.connections.RoomState;

import java.util.ArrayList;
import java.util.List;

/**
 * A room's members as GET /admin/rooms/{room}/members groups them (user, device, connection), with
 * each connection's lag judged like on the Connections page ({@link LagJudge}), and the counts the
 * header shows. Immutable once built; built on the UI thread (the judge lives there).
 */
public record MembersTree(String room, long head, List<MemberLine> users, int devices, int connections,
                          int laggingDevices) {

    static MembersTree from(JsonNode json, LagJudge judge) {
        String room = json.path("room").asText();
        List<MemberLine> users = new ArrayList<>();
        int devices = 0;
        int connections = 0;
        int lagging = 0;
        for (JsonNode u : json.path("users")) {
            List<MemberLine> deviceLines = new ArrayList<>();
            for (JsonNode d : u.path("devices")) {
                List<MemberLine> connectionLines = new ArrayList<>();
                for (JsonNode c : d.path("connections")) {
                    String id = c.path("connectionId").asText();
                    RoomProgress p = judge.judge(id, RoomState.from(c, room));
                    connectionLines.add(new MemberLine(MemberLine.Kind.CONNECTION, id, c.path("appVersion").asText(),
                            p.presence(), p.deliveredTo(), p.ackedTo(), p.lag(), p.lagging(), List.of()));
                }
                MemberLine device = MemberLine.group(MemberLine.Kind.DEVICE, d.path("deviceId").asText(), connectionLines);
                deviceLines.add(device);
                devices++;
                connections += connectionLines.size();
                lagging += device.lagging() ? 1 : 0;
            }
            users.add(MemberLine.group(MemberLine.Kind.USER, u.path("userId").asText(), deviceLines));
        }
        return new MembersTree(room, json.path("head").asLong(), List.copyOf(users), devices, connections, lagging);
    }

    /** The user line of {@code userId}, or null. */
    public MemberLine user(String userId) {
        return users.stream().filter(u -> u.name().equals(userId)).findFirst().orElse(null);
    }
}
