package dev.switchboard.console.connections;

import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.ConnectionInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One open connection as GET /admin/connections and the admin stream's snapshot list it, parsed off
 * the UI thread so that applying thousands of them is only field copies. Immutable.
 */
public record OpenConnection(String connectionId, String userId, String deviceId, String appVersion, String remoteIp,
                             String node, Instant connectedAt, long backlogBytes, List<RoomState> rooms) {

    public static OpenConnection of(ConnectionInfo c) {
        List<RoomState> rooms = new ArrayList<>(c.rooms().size());
        c.rooms().forEach(r -> rooms.add(RoomState.of(r)));
        return new OpenConnection(c.connectionId(), c.userId(), c.deviceId(), c.appVersion(), c.remoteIp(), c.node(),
                Format.instant(c.connectedAt()), c.backlogBytes(), List.copyOf(rooms));
    }

    /** A page of {@code GET /admin/connections}, or the admin stream snapshot's list. */
    public static List<OpenConnection> listFrom(List<ConnectionInfo> page) {
        List<OpenConnection> out = new ArrayList<>(page.size());
        page.forEach(c -> out.add(of(c)));
        return out;
    }
}
