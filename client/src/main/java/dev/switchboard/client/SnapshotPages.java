package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The pages of one room snapshot as they arrive (docs/protocol-extensions.md, "Snapshots in pages").
 * Each page was read at its own head offset; the joined snapshot is then valid at the lowest of them
 * once the events after it are replayed with version checks, which is what the client does when the
 * offsets differ. A page of another epoch means the room was reset in between: start again.
 * Owned by the client's thread.
 */
final class SnapshotPages {
    private final List<JsonNode> resources = new ArrayList<>();
    private String epoch;
    private long lowestOffset = Long.MAX_VALUE;
    private long highestOffset = Long.MIN_VALUE;
    private int pages;

    /** Adds a page; false when its epoch differs from the first page's (the pages cannot be joined). */
    boolean add(JsonNode page) {
        String pageEpoch = page.path("epoch").asText();
        if (epoch == null) {
            epoch = pageEpoch;
        } else if (!epoch.equals(pageEpoch)) {
            return false;
        }
        long offset = page.path("offset").asLong();
        lowestOffset = Math.min(lowestOffset, offset);
        highestOffset = Math.max(highestOffset, offset);
        page.path("resources").forEach(resources::add);
        pages++;
        return true;
    }

    /**
     * True when the page says nothing follows. A gateway without pages answers the whole snapshot
     * without {@code complete}: that is complete too.
     */
    static boolean last(JsonNode page) {
        return page.path("complete").asBoolean(true) || page.path("nextAfter").asText("").isEmpty();
    }

    String epoch() {
        return epoch;
    }

    long lowestOffset() {
        return lowestOffset;
    }

    /** True when some page was read at a later head than another: events after the lowest must be replayed. */
    boolean readAtDifferentOffsets() {
        return highestOffset > lowestOffset;
    }

    List<JsonNode> resources() {
        return resources;
    }

    int pages() {
        return pages;
    }
}
