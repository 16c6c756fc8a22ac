package dev.switchboard.gateway;

import dev.switchboard.eventlog.RoomPosition;
import dev.switchboard.eventlog.StoredEvent;
import dev.switchboard.fanout.CommittedBatch;
import dev.switchboard.fanout.EventBus;

/**
 * Hands committed events to the connections in their rooms. Runs on the bus's delivery thread
 * ({@code fanout}), the only thread that sends live events, so each room's events reach every
 * connection in offset order. An event is serialised once; each of its rooms splices that JSON into
 * one frame, and every member of the room is given the same bytes.
 */
final class RoomFanout implements EventBus.Subscriber {
    private final Rooms rooms;
    private final GatewayMetrics metrics;
    private final DeliveryTrace trace;
    private final AdminStream adminStream;

    RoomFanout(Rooms rooms, GatewayMetrics metrics, DeliveryTrace trace, AdminStream adminStream) {
        this.adminStream = adminStream;
        this.rooms = rooms;
        this.metrics = metrics;
        this.trace = trace;
    }

    @Override
    public void deliver(CommittedBatch batch) {
        long lag = System.nanoTime() - batch.committedAtNanos();
        metrics.fanoutLag.observeNanos(lag);
        metrics.deliveryLatency.record(lag / 1e6);
        metrics.fannedOut.add(batch.events().size());
        trace.handoff(batch, lag);
        long delivered = 0;
        for (StoredEvent stored : batch.events()) {
            adminStream.publish("events", () -> {
                com.fasterxml.jackson.databind.node.ObjectNode d = dev.switchboard.model.json.Json.object();
                d.put("kind", "event.published");
                d.put("eventId", stored.event().id());
                d.put("seq", stored.event().seq());
                d.put("type", stored.event().type());
                d.put("resourceId", stored.event().resourceId());
                com.fasterxml.jackson.databind.node.ObjectNode rooms = d.putObject("rooms");
                stored.rooms().forEach(p -> rooms.put(p.room(), p.offset()));
                return d;
            });
            byte[] eventJson = null;
            for (RoomPosition p : stored.rooms()) {
                RoomMembers members = rooms.get(p.room());
                if (members == null || members.subscriptions.isEmpty()) {
                    continue;
                }
                members.head = p.offset();
                if (eventJson == null) {
                    eventJson = WireFrames.eventJson(stored.event());
                }
                byte[] frame = WireFrames.event(p.room(), p.offset(), p.epoch(), eventJson);
                for (Subscription sub : members.subscriptions) {
                    if (sub.session.deliver(sub, p.offset(), frame)) {
                        delivered++;
                    }
                }
            }
        }
        metrics.deliveries.add(delivered);
    }
}
