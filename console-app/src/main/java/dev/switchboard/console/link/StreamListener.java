package dev.switchboard.console.link;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;

import java.util.List;
import java.util.Map;

/**
 * Receives the admin stream (docs/admin-api.md, "The admin stream") as the shared model's records.
 * Called on the stream's reader thread: implementations only hand the data on (to a
 * {@link dev.switchboard.console.ui.Coalescer}) and return, never touch JavaFX state and never block.
 */
public interface StreamListener {
    /** The first frame after every (re)connect: the node's connections, rooms and stats as of now. */
    default void snapshot(AdminFrame.Snapshot snapshot) {
    }

    /** Deltas of the last 250 ms; {@code stats} is null when none came; {@code coalesced} items were left out by the gateway. */
    default void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
    }

    /**
     * What the gateway did not send in the last frame because of this console's rate cap, per topic
     * ({@code "events" -> 1840}; docs/admin-api.md, {@code more}). Called after {@link #deltas}, only when
     * something was left out.
     */
    default void leftOut(Map<String, Long> more) {
    }
}
