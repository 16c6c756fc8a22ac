package dev.switchboard.simulator.check;

/** What a simulation checks; {@link #id()} names it in reports. */
public enum Assertion {
    /** Every device's rooms equal the server's snapshots (id, version, state) once the chaos is over. */
    CONVERGED("converged", "every device holds what the server holds"),
    /** Per device and room, applied offsets strictly increase: nothing applied twice, nothing out of order. */
    APPLIED_ONCE("applied-once", "no event applied twice (or out of order)"),
    /** Per device, room and resource, applied versions strictly increase. */
    NO_STALE_VERSION("no-stale-version", "no older version applied over a newer one"),
    /** A revoked device applies nothing of the room published after the revoke, until it is granted again. */
    NOTHING_AFTER_REVOKE("nothing-after-revoke", "a revoked device receives nothing more of that room"),
    /** Publishing an id again answers 200 with the first answer (the retrying worker). */
    IDEMPOTENT_PUBLISH("idempotent-publish", "the same event id published twice is stored once"),
    /**
     * Once the devices have converged, no optimistic change (SDK {@code PendingChange}) is left
     * unresolved: each was confirmed, superseded or rolled back.
     */
    NO_PENDING_LEFT("no-pending-left", "no optimistic change is left pending once the run converged"),
    /** The simulation itself could not do something the scenario asked for (a grant, a fault, a publish). */
    RUN("run", "the scenario ran as written");

    private final String id;
    private final String meaning;

    Assertion(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    public String id() {
        return id;
    }

    public String meaning() {
        return meaning;
    }
}
