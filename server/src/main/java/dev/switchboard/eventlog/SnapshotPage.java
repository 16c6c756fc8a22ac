package dev.switchboard.eventlog;

import java.util.List;

/**
 * One page of a room's snapshot: the resources after a resource id, in id order, as of the room's head
 * {@code offset} when the page was read. Pages of one snapshot may be read at different offsets;
 * docs/protocol-extensions.md says how a client joins them.
 *
 * @param complete  no resource follows this page
 * @param nextAfter the last resource id of this page, to pass as the next {@code after}; null when complete
 */
public record SnapshotPage(String room, String epoch, long offset, List<SnapshotResource> resources,
                           boolean complete, String nextAfter) {
}
