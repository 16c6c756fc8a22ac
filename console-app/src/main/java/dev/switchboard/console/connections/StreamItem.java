package dev.switchboard.console.connections;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the connections page takes from the admin stream, in the order it came: a snapshot (its
 * connection list parsed on the stream thread; {@code complete} when it holds every connection) or
 * one delta of the {@code connections} or {@code rooms} topic. Immutable.
 */
record StreamItem(List<OpenConnection> snapshot, boolean complete, JsonNode delta) {

    static StreamItem snapshot(JsonNode frame) {
        List<OpenConnection> list = OpenConnection.listFrom(frame.path("connections"));
        long total = frame.path("connectionsTotal").asLong(list.size());
        return new StreamItem(list, total <= list.size(), null);
    }

    static StreamItem delta(JsonNode item) {
        return new StreamItem(null, false, item);
    }

    boolean isSnapshot() {
        return snapshot != null;
    }

    /** Whether a delta matters to the connection list. */
    static boolean wanted(JsonNode item) {
        String kind = item.path("kind").asText();
        return kind.equals("connection.opened") || kind.equals("connection.closed")
                || kind.equals("room.joined") || kind.equals("room.left");
    }
}
