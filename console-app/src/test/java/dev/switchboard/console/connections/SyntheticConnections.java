package dev.switchboard.console.connections;

import dev.switchboard.model.admin.ConnectionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code n} made-up connections as the gateway lists them, for tests of the table at size: user
 * {@code u0000..} with ten devices each, app 1.3.x or 1.4.x by turns, IPs 10.0.x.y, each connection in
 * its user room and in {@code document:(i % 50)}; every tenth connection is 5 events behind there.
 */
final class SyntheticConnections {
    private SyntheticConnections() {
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "c%06d", i);
    }

    static List<ConnectionInfo> list(int n) {
        List<ConnectionInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String user = String.format(Locale.ROOT, "u%04d", i / 10);
            List<ConnectionInfo.RoomProgress> rooms = List.of(
                    ConnectionInfo.RoomProgress.of("user:" + user, 3, 3, 3, 0, null),
                    ConnectionInfo.RoomProgress.of("document:" + (i % 50), 100, 100, i % 10 == 0 ? 95 : 100, 0, null));
            list.add(new ConnectionInfo(id(i), user, "d" + (i % 10), (i % 2 == 0 ? "1.4." : "1.3.") + (i % 7),
                    "10.0." + (i / 256) + "." + (i % 256), "gw-test", "2026-11-29T10:00:00.000Z",
                    i % 10 == 0 ? 4096 : 0, rooms, null, null));
        }
        return list;
    }
}
