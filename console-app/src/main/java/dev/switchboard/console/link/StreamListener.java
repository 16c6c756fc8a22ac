package dev.switchboard.console.link;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Receives the admin stream (docs/admin-api.md, "The admin stream"). Called on the stream's reader
 * thread: implementations only hand the data on (to a {@link dev.switchboard.console.ui.Coalescer})
 * and return, never touch JavaFX state and never block.
 */
public interface StreamListener {
    /** The first frame after every (re)connect: the node's connections, rooms and stats as of now. */
    default void snapshot(JsonNode snapshot) {
    }

    /** Deltas of the last 250 ms; {@code stats} is null when none came; {@code coalesced} items were left out by the gateway. */
    default void deltas(List<JsonNode> items, JsonNode stats, long coalesced) {
    }
}
