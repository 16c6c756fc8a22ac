package dev.switchboard.fanout;

import dev.switchboard.gateway.RoomDelivery;

/**
 * The bus's subscriber on this node: each committed batch goes to the gateway's connections, on the
 * bus's delivery thread ({@code fanout}), one batch after another in log order.
 */
public final class RoomFanout implements EventBus.Subscriber {
    private final RoomDelivery delivery;

    public RoomFanout(RoomDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void deliver(CommittedBatch batch) {
        delivery.deliver(batch.events(), batch.committedAtNanos());
    }
}
