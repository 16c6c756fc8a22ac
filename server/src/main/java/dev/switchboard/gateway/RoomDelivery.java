package dev.switchboard.gateway;

import java.util.Map;
import java.util.LinkedHashMap;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.eventlog.RoomPosition;
import dev.switchboard.eventlog.StoredEvent;

import java.util.List;

/**
 * Hands committed events to the connections in their rooms. Runs on the fanout thread, the only
 * thread that sends live events, so each room's events reach every connection in offset order.
 *
 * <p>Per event, an event is serialised once; each of its rooms splices that JSON into one frame, and
 * every member of the room is given the same bytes. Per batch, not per delivery: the metrics, the
 * trace hand-off, and the signal to each connection's outbox ({@link WriteSignals}), so a connection
 * gets the batch in one write and the selector is woken once. The admin stream's per-event deltas
 * are only built while a console listens to events.
 */
public final class RoomDelivery {
    private final Rooms rooms;
    private final GatewayMetrics metrics;
    private final DeliveryTrace trace;
    private final AdminStream adminStream;
    /** Fanout thread only. */
    private final WriteSignals signals = new WriteSignals();

    RoomDelivery(Rooms rooms, GatewayMetrics metrics, DeliveryTrace trace, AdminStream adminStream) {
        this.rooms = rooms;
        this.metrics = metrics;
        this.trace = trace;
        this.adminStream = adminStream;
    }

    /** Delivers one committed batch, in log order. */
    public void deliver(List<StoredEvent> events, long committedAtNanos) {
        long lag = System.nanoTime() - committedAtNanos;
        metrics.fanoutLag.observeNanos(lag);
        metrics.deliveryLatency.record(lag / 1e6);
        metrics.fannedOut.add(events.size());
        trace.handoff(events, lag);
        boolean adminListens = adminStream.listens("events");
        signals.begin();
        long delivered = 0;
        for (StoredEvent stored : events) {
            if (adminListens) {
                adminStream.publish(() -> publishedDelta(stored));
            }
            delivered += deliver(stored);
        }
        signals.signal();
        metrics.deliveries.add(delivered);
    }

    private long deliver(StoredEvent stored) {
        long delivered = 0;
        byte[] eventJson = null;
        for (RoomPosition p : stored.rooms()) {
            LiveRoom members = rooms.get(p.room());
            if (members == null || members.subscriptions.isEmpty()) {
                continue;
            }
            members.advance(p.offset());
            if (eventJson == null) {
                eventJson = WireFrames.eventJson(stored.event());
            }
            byte[] frame = WireFrames.event(p.room(), p.offset(), p.epoch(), eventJson);
            for (Subscription sub : members.subscriptions) {
                if (sub.session.deliver(sub, p.offset(), frame, signals)) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    private static AdminDelta publishedDelta(StoredEvent stored) {
        Map<String, Long> roomOffsets = new LinkedHashMap<>();
        stored.rooms().forEach(p -> roomOffsets.put(p.room(), p.offset()));
        return new AdminDelta.EventPublished("events", System.currentTimeMillis(), stored.event().id(),
                stored.event().seq(), stored.event().type(), stored.event().resourceId(), roomOffsets);
    }
}
