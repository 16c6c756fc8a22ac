package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Consumer;

/**
 * An optimistic change the app made to a resource before the gateway confirmed it: the room's view
 * shows {@link #localValue()} at {@link #expectedVersion()} until the change is resolved. Made by
 * {@link SwitchboardClient#pending}. The SDK resolves it when the authoritative event arrives:
 * <ul>
 *   <li>{@code CONFIRMED}: an event with the change's event id arrived, or (without an id) the
 *       resource reached exactly the expected version;</li>
 *   <li>{@code SUPERSEDED}: a newer version than expected arrived, or another event (another id) took
 *       the expected version: someone else won, the view shows theirs;</li>
 *   <li>{@code ROLLED_BACK}: the app called {@link #failed()} because its publish failed, or the client
 *       no longer holds the room (left, revoked, closed).</li>
 * </ul>
 * A snapshot carries no event ids: a snapshot at exactly the expected version confirms, a later one
 * supersedes. Listeners hear {@link SwitchboardListener#pendingResolved} once per change.
 *
 * <p>Threads: {@link #outcome()} may be read on any thread; everything else is decided on the client's.
 */
public final class PendingChange {
    public enum Outcome { PENDING, CONFIRMED, SUPERSEDED, ROLLED_BACK }

    private final String room;
    private final String resourceId;
    private final long expectedVersion;
    private final JsonNode localValue;
    private final String eventId;
    private final Consumer<PendingChange> onFailed;
    private volatile Outcome outcome = Outcome.PENDING;

    PendingChange(String room, String resourceId, long expectedVersion, JsonNode localValue, String eventId,
                  Consumer<PendingChange> onFailed) {
        this.room = room;
        this.resourceId = resourceId;
        this.expectedVersion = expectedVersion;
        this.localValue = localValue;
        this.eventId = eventId;
        this.onFailed = onFailed;
    }

    /** The app's publish failed: the change is rolled back (unless it was already resolved). */
    public void failed() {
        onFailed.accept(this);
    }

    public String room() {
        return room;
    }

    public String resourceId() {
        return resourceId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public JsonNode localValue() {
        return localValue;
    }

    /** The id of the event the app publishes for this change, or null when it does not know it. */
    public String eventId() {
        return eventId;
    }

    public Outcome outcome() {
        return outcome;
    }

    boolean resolved() {
        return outcome != Outcome.PENDING;
    }

    /** Whether this authoritative version (with its event id, null from a snapshot) resolves the change, and how. */
    Outcome judge(long version, String id) {
        if (eventId != null && id != null) {
            if (eventId.equals(id)) {
                return Outcome.CONFIRMED;
            }
            return version >= expectedVersion ? Outcome.SUPERSEDED : Outcome.PENDING;
        }
        if (version == expectedVersion) {
            return Outcome.CONFIRMED;
        }
        return version > expectedVersion ? Outcome.SUPERSEDED : Outcome.PENDING;
    }

    void resolve(Outcome how) {
        outcome = how;
    }

    @Override
    public String toString() {
        return room + "/" + resourceId + "@" + expectedVersion + " " + outcome;
    }
}
