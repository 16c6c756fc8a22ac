package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

import java.util.Locale;

/**
 * A made-up admin-stream snapshot of {@code n} connections, for tests of the table at size: user
 * {@code u0000..} with ten devices each, app 1.3.x or 1.4.x by turns, IPs 10.0.x.y, each connection in
 * its user room and in {@code document:(i % 50)}; every tenth connection is 5 events behind there.
 */
final class SyntheticConnections {
    private SyntheticConnections() {
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "c%06d", i);
    }

    static ObjectNode snapshot(int n) {
        ObjectNode frame = Json.object();
        frame.put("op", "snapshot");
        frame.put("node", "gw-test");
        ArrayNode list = frame.putArray("connections");
        for (int i = 0; i < n; i++) {
            ObjectNode c = list.addObject();
            String user = String.format(Locale.ROOT, "u%04d", i / 10);
            c.put("connectionId", id(i));
            c.put("userId", user);
            c.put("deviceId", "d" + (i % 10));
            c.put("appVersion", (i % 2 == 0 ? "1.4." : "1.3.") + (i % 7));
            c.put("remoteIp", "10.0." + (i / 256) + "." + (i % 256));
            c.put("node", "gw-test");
            c.put("connectedAt", "2026-11-29T10:00:00.000Z");
            c.put("backlogBytes", i % 10 == 0 ? 4096 : 0);
            ArrayNode rooms = c.putArray("rooms");
            ObjectNode own = rooms.addObject();
            own.put("room", "user:" + user);
            own.put("deliveredTo", 3);
            own.put("ackedTo", 3);
            own.put("lag", 0);
            ObjectNode doc = rooms.addObject();
            doc.put("room", "document:" + (i % 50));
            doc.put("deliveredTo", 100);
            doc.put("ackedTo", i % 10 == 0 ? 95 : 100);
            doc.put("lag", 0);
        }
        frame.put("connectionsTotal", n);
        return frame;
    }
}
