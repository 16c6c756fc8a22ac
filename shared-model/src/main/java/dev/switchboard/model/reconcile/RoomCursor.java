package dev.switchboard.model.reconcile;

import java.util.Objects;

/**
 * Client-side position in one room's stream: the epoch and the last offset applied. It classifies
 * each incoming offset so a client applies every event once and in order, and notices when it has
 * missed something.
 *
 * <p>Not thread-safe: one client (one socket's reader) owns its cursors.
 */
public final class RoomCursor {
    /** What to do with an incoming event of this room. */
    public enum Verdict {
        /** The next offset: apply it; the cursor has advanced. */
        NEXT,
        /** At or below the last applied offset: already applied, drop it. */
        DUPLICATE,
        /** Beyond the next offset: events are missing in between; recover from {@link #offset()}. */
        GAP,
        /** Another epoch: the stream's history was reset; take a snapshot. */
        EPOCH_CHANGED
    }

    private String epoch;
    private long offset;

    /** A cursor that has applied nothing yet: the next expected offset is 1. */
    public RoomCursor(String epoch) {
        this(epoch, 0);
    }

    public RoomCursor(String epoch, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more");
        }
        this.epoch = epoch;
        this.offset = offset;
    }

    public Verdict observe(String eventEpoch, long eventOffset) {
        if (epoch != null && !Objects.equals(epoch, eventEpoch)) {
            return Verdict.EPOCH_CHANGED;
        }
        if (eventOffset <= offset) {
            return Verdict.DUPLICATE;
        }
        if (eventOffset > offset + 1) {
            return Verdict.GAP;
        }
        epoch = eventEpoch;
        offset = eventOffset;
        return Verdict.NEXT;
    }

    /** After a snapshot or a join answer: continue from this position. */
    public void reset(String newEpoch, long newOffset) {
        this.epoch = newEpoch;
        this.offset = newOffset;
    }

    public String epoch() {
        return epoch;
    }

    /** The last offset applied; the value to send as {@code after.offset} on the next join. */
    public long offset() {
        return offset;
    }

    public long nextExpected() {
        return offset + 1;
    }
}
