package dev.switchboard.console.link;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;

import java.util.List;

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
}
