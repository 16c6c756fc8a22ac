package dev.switchboard.faults;

import dev.switchboard.model.admin.AdminJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.LiveDelivery;
import dev.switchboard.gateway.LiveEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * One fault acting on one connection's live events. Installed as a decorator in front of the
 * connection's outbox, so delivery without a fault has no fault code in its path. Called under the
 * connection's outbox monitor (see {@link LiveDelivery}); its counters and held events need no other lock.
 */
final class FaultyDelivery implements LiveDelivery {
    private final Fault fault;
    private final Outlet outlet;
    private int remainingDrops;
    /** Events a reorder window or a pause holds back, in arrival order. */
    private final List<LiveEvent> held = new ArrayList<>();

    FaultyDelivery(Fault fault, Outlet outlet) {
        this.fault = fault;
        this.outlet = outlet;
        this.remainingDrops = fault.count();
    }

    /** The decorator a connection gets for a fault: each connection its own counters. */
    static Decorator decorator(Fault fault) {
        return new Decorator() {
            @Override
            public String id() {
                return fault.id();
            }

            @Override
            public LiveDelivery wrap(Outlet outlet) {
                return new FaultyDelivery(fault, outlet);
            }

            @Override
            public ObjectNode describe() {
                return (ObjectNode) AdminJson.tree(fault.info(null));
            }
        };
    }

    @Override
    public boolean deliver(LiveEvent e) {
        switch (fault.kind()) {
            case DROP:
                if (remainingDrops > 0) {
                    remainingDrops--;
                    outlet.acted(e, fault.kind().wire(), true);
                    return false;
                }
                return outlet.queue(e);
            case DUPLICATE:
                outlet.acted(e, fault.kind().wire(), false);
                return outlet.queue(e) && outlet.queue(e);
            case DELAY:
                outlet.acted(e, fault.kind().wire(), false);
                outlet.later(e, fault.delayMs());
                return true;
            case REORDER:
                outlet.acted(e, fault.kind().wire(), false);
                if (!outlet.hold(e)) {
                    return false;
                }
                held.add(e);
                if (held.size() >= fault.window()) {
                    for (int i = held.size() - 1; i >= 0; i--) {
                        outlet.unhold(held.get(i));
                        outlet.queue(held.get(i));
                    }
                    held.clear();
                }
                return true;
            case PAUSE:
            default:
                outlet.acted(e, fault.kind().wire(), false);
                if (!outlet.hold(e)) {
                    return false; // a paused app that falls too far behind is a slow consumer
                }
                held.add(e);
                return true;
        }
    }

    @Override
    public void release() {
        for (LiveEvent e : held) {
            outlet.unhold(e);
            outlet.queue(e);
        }
        held.clear();
    }
}
