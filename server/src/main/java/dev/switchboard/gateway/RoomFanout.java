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

    RoomFanout(Rooms rooms, GatewayMetrics metrics, DeliveryTrace trace) {
        this.rooms = rooms;
        this.metrics = metrics;
        this.trace = trace;
    }

    @Override
    public void deliver(CommittedBatch batch) {
        long lag = System.nanoTime() - batch.committedAtNanos();
        metrics.fanoutLag.observeNanos(lag);
        trace.handoff(batch, lag);
        long delivered = 0;
        for (StoredEvent stored : batch.events()) {
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
