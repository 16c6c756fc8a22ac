package dev.switchboard.model.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Map;

/**
 * One item of a {@link AdminFrame.Deltas} frame, told apart by {@code kind}. Every delta names its
 * {@code topic} (what a console subscribes to) and when it happened ({@code at}, epoch millis).
 * A kind this client does not know decodes as {@link Other}, so a newer server does not break it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind",
        defaultImpl = AdminDelta.Other.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = AdminDelta.ConnectionOpened.class, name = "connection.opened"),
        @JsonSubTypes.Type(value = AdminDelta.ConnectionClosed.class, name = "connection.closed"),
        @JsonSubTypes.Type(value = AdminDelta.RoomJoined.class, name = "room.joined"),
        @JsonSubTypes.Type(value = AdminDelta.RoomLeft.class, name = "room.left"),
        @JsonSubTypes.Type(value = AdminDelta.EventPublished.class, name = "event.published"),
        @JsonSubTypes.Type(value = AdminDelta.DeliveryFailed.class, name = "delivery.failed"),
        @JsonSubTypes.Type(value = AdminDelta.Stats.class, name = "stats")})
public sealed interface AdminDelta {
    String topic();

    /** Epoch milliseconds; 0 when the server did not say. */
    long at();

    record ConnectionOpened(String topic, long at, String connectionId, String userId, String deviceId,
                            String appVersion, String remoteIp) implements AdminDelta {
    }

    record ConnectionClosed(String topic, long at, String connectionId, String userId, String deviceId, int code,
                            String reason) implements AdminDelta {
    }

    /**
     * @param recovered whether the join resumed from a cursor
     * @param replayed  how many events the join replayed
     */
    record RoomJoined(String topic, long at, String room, String connectionId, String userId, String deviceId,
                      long head, boolean recovered, long replayed, boolean snapshotRequired) implements AdminDelta {
    }

    record RoomLeft(String topic, long at, String room, String connectionId, String userId, String deviceId,
                    String reason) implements AdminDelta {
    }

    /** @param rooms the event's offset in each of its rooms */
    record EventPublished(String topic, long at, String eventId, long seq, String type, String resourceId,
                          Map<String, Long> rooms) implements AdminDelta {
    }

    /**
     * @param reason   {@code injected_drop}, {@code slow_consumer}, ...
     * @param injected true when a QA fault caused it, never a real failure
     * @param room     null when the failure is not about one room
     * @param offset   null when the failure is not about one event
     */
    record DeliveryFailed(String topic, long at, String reason, boolean injected, String connectionId, String userId,
                          String deviceId, String room, Long offset) implements AdminDelta {
    }

    /**
     * The node's figures. The snapshot's stats carry the first five; the once-a-second stats delta adds
     * the rest (null in the snapshot): totals since the node started and the last second's latency.
     *
     * @param degraded what works less well than it should while the node serves (e.g. Redis away on a
     *                 cluster: other nodes' events come from the log), in both; null when nothing
     */
    record Stats(String topic, long at, long connections, long rooms, long backlogBytes, long fanoutBacklog,
                 boolean deliveryOverloaded, Boolean draining, Long eventsFannedOut, Long deliveries,
                 Long connectionsOpened, Long reconnects, Long acks, Map<String, Long> failures,
                 Map<String, Long> errors, Map<String, Long> refused, Latency deliveryLatencyMs,
                 List<String> degraded) implements AdminDelta {

        public Stats(String topic, long at, long connections, long rooms, long backlogBytes, long fanoutBacklog,
                     boolean deliveryOverloaded, Boolean draining, Long eventsFannedOut, Long deliveries,
                     Long connectionsOpened, Long reconnects, Long acks, Map<String, Long> failures,
                     Map<String, Long> errors, Map<String, Long> refused, Latency deliveryLatencyMs) {
            this(topic, at, connections, rooms, backlogBytes, fanoutBacklog, deliveryOverloaded, draining, eventsFannedOut,
                    deliveries, connectionsOpened, reconnects, acks, failures, errors, refused, deliveryLatencyMs, null);
        }
    }

    /** Commit to queued-on-the-sockets over the last second, per committed batch; {@code count} 0: nothing. */
    record Latency(long count, double p50, double p99, double max) {
    }

    /** A kind this client does not know yet. */
    record Other(String topic, long at) implements AdminDelta {
    }
}
