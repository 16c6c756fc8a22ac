package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.event.Event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The listeners of one client, told in the order they were added; called on the client's thread. */
final class Listeners implements SwitchboardListener {
    private final List<SwitchboardListener> all = new CopyOnWriteArrayList<>();

    void add(SwitchboardListener l) {
        all.add(l);
    }

    @Override
    public void connectionChanged(ConnectionState state, String detail) {
        all.forEach(l -> l.connectionChanged(state, detail));
    }

    @Override
    public void eventApplied(String room, long offset, Event event) {
        all.forEach(l -> l.eventApplied(room, offset, event));
    }

    @Override
    public void eventIgnored(String room, long offset, Event event, String reason) {
        all.forEach(l -> l.eventIgnored(room, offset, event, reason));
    }

    @Override
    public void roomRecovered(String room, String how, long offset) {
        all.forEach(l -> l.roomRecovered(room, how, offset));
    }

    @Override
    public void roomLost(String room, String reason) {
        all.forEach(l -> l.roomLost(room, reason));
    }

    @Override
    public void presence(String room, String userId, String deviceId, String action, JsonNode state) {
        all.forEach(l -> l.presence(room, userId, deviceId, action, state));
    }

    @Override
    public void pendingResolved(PendingChange change) {
        all.forEach(l -> l.pendingResolved(change));
    }
}
