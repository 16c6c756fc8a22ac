package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.event.Event;

/**
 * What a UI (or the simulator) observes of a {@link SwitchboardClient}. Every method is called on the
 * client's own thread, one at a time, in order; implementations must return quickly (hand off to the
 * UI thread).
 */
public interface SwitchboardListener {
    default void connectionChanged(ConnectionState state, String detail) {
    }

    /** An event was applied: the room's offset advanced and its resource now has the event's version. */
    default void eventApplied(String room, long offset, Event event) {
    }

    /** An event was received but not applied: {@code reason} is {@code duplicate} or {@code stale}. */
    default void eventIgnored(String room, long offset, Event event, String reason) {
    }

    /** The room was brought up to date: {@code how} is {@code replay}, {@code http} or {@code snapshot}. */
    default void roomRecovered(String room, String how, long offset) {
    }

    /** Access to the room was withdrawn ({@code revoked}) or refused ({@code forbidden}); it is no longer joined. */
    default void roomLost(String room, String reason) {
    }

    /** A presence frame of a joined room. */
    default void presence(String room, String userId, String deviceId, String action, JsonNode state) {
    }

    /**
     * A pending change was resolved ({@link PendingChange#outcome()} says how): the authoritative event
     * arrived ({@code CONFIRMED}), a newer version from someone else won ({@code SUPERSEDED}), or the app
     * said its publish failed ({@code ROLLED_BACK}). The room's view shows the authoritative state again.
     */
    default void pendingResolved(PendingChange change) {
    }
}
