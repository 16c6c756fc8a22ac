package dev.switchboard.model.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A frame the admin stream ({@code GET /admin/ws}) sends, told apart by {@code op}. The first frame
 * is a {@link Snapshot}; then {@link Deltas} every 250 ms while something happened, and the answers
 * to a console's {@code subscribe} and {@code ping}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AdminFrame.Snapshot.class, name = "snapshot"),
        @JsonSubTypes.Type(value = AdminFrame.Deltas.class, name = "deltas"),
        @JsonSubTypes.Type(value = AdminFrame.Subscribed.class, name = "subscribed"),
        @JsonSubTypes.Type(value = AdminFrame.Pong.class, name = "pong")})
public sealed interface AdminFrame {

    /** The node's state when the stream opened: the first 1,000 connections and every room. */
    record Snapshot(String node, boolean draining, AdminDelta.Stats stats, List<ConnectionInfo> connections,
                    long connectionsTotal, List<RoomList.RoomSummary> rooms) implements AdminFrame {
        public Snapshot {
            connections = connections == null ? List.of() : List.copyOf(connections);
            rooms = rooms == null ? List.of() : List.copyOf(rooms);
        }
    }

    /**
     * What happened since the last frame.
     *
     * @param coalesced deltas left out because the console fell behind (its view is then incomplete)
     * @param stats     the latest stats, or null when none came in this frame
     * @param more      deltas left out by the subscriber's rate cap ({@code maxPerSecond}) since the last
     *                  frame, per topic ({@code {"events": 1840}}); empty when none were
     */
    record Deltas(long coalesced, List<AdminDelta> items, AdminDelta.Stats stats, Map<String, Long> more)
            implements AdminFrame {
        public Deltas {
            items = items == null ? List.of() : List.copyOf(items);
            more = more == null ? Map.of() : Map.copyOf(more);
        }

        public Deltas(long coalesced, List<AdminDelta> items, AdminDelta.Stats stats) {
            this(coalesced, items, stats, Map.of());
        }
    }

    /**
     * The answer to {@code subscribe}: the topics now sent, and the rate cap in force (items per second;
     * null from a gateway without one).
     */
    record Subscribed(JsonNode ref, List<String> topics, Integer maxPerSecond) implements AdminFrame {
        public Subscribed(JsonNode ref, List<String> topics) {
            this(ref, topics, null);
        }
    }

    record Pong(JsonNode ref) implements AdminFrame {
    }
}
