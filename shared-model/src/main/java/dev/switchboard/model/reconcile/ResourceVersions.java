package dev.switchboard.model.reconcile;

import java.util.HashMap;
import java.util.Map;

/**
 * Client-side versions per resource. An event whose version is not newer than what the client holds
 * must not overwrite newer state; a version that jumps ahead is still newer (apply it) but tells the
 * client it skipped intermediate versions.
 *
 * <p>Not thread-safe: owned by the client that applies events.
 */
public final class ResourceVersions {
    public enum Verdict {
        /** Exactly the next version: apply. */
        APPLY,
        /** Newer, but versions in between were never seen: apply, and know that history is missing. */
        APPLY_AFTER_GAP,
        /** The version already held: drop. */
        DUPLICATE,
        /** Older than the version held: drop, it would move the state backwards. */
        STALE
    }

    private final Map<String, Long> versions = new HashMap<>();

    public Verdict observe(String resourceId, long version) {
        long held = versionOf(resourceId);
        if (version == held) {
            return Verdict.DUPLICATE;
        }
        if (version < held) {
            return Verdict.STALE;
        }
        versions.put(resourceId, version);
        return version == held + 1 ? Verdict.APPLY : Verdict.APPLY_AFTER_GAP;
    }

    /** 0 for a resource never seen, as the contract says of a resource with no events. */
    public long versionOf(String resourceId) {
        return versions.getOrDefault(resourceId, 0L);
    }

    /** After a snapshot: the server's version is the truth, even if it is lower than what was held. */
    public void reset(String resourceId, long version) {
        versions.put(resourceId, version);
    }

    public void clear() {
        versions.clear();
    }

    public int size() {
        return versions.size();
    }
}
