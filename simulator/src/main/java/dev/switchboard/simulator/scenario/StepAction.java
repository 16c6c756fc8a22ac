package dev.switchboard.simulator.scenario;

import java.util.Arrays;
import java.util.Optional;

/** What a timeline step does; {@link #wire()} is the name used in scenario files. */
public enum StepAction {
    /** The device closes its socket and stays away for durationSeconds (SDK goOffline/goOnline). */
    OFFLINE("offline"),
    /** The app is backgrounded: fault {@code pause} for durationSeconds, then everything held arrives. */
    BACKGROUND("background"),
    /** The network drops without a close frame (fault {@code cut}); the SDK reconnects by itself. */
    CUT("cut"),
    /** The next {@code count} live events are not sent (fault {@code drop}). */
    DROP("drop"),
    /** Every live event twice, for durationSeconds (fault {@code duplicate}). */
    DUPLICATE("duplicate"),
    /** Live events reversed within windows of {@code window}, for durationSeconds (fault {@code reorder}). */
    REORDER("reorder"),
    /** Every live event {@code delayMs} late, for durationSeconds (fault {@code delay}). */
    DELAY("delay"),
    /** The embedded gateway stops and starts again on the same ports and data folder, after durationSeconds. */
    RESTART_GATEWAY("restart-gateway"),
    /** The user's grant on {@code room} is withdrawn. */
    REVOKE("revoke"),
    /** The user is granted {@code room} (again); its devices join it. */
    GRANT("grant"),
    /** The device's token expires now, and for durationSeconds it only gets tokens of ttlSeconds. */
    TOKEN_EXPIRY("token-expiry"),
    /** The last {@code count} published events are published again with the same ids (a retrying worker). */
    REPUBLISH("republish"),
    /** A cluster's Redis is stopped (the nodes fall back to reading the event log); a cluster only. */
    STOP_REDIS("stop-redis"),
    /** A cluster's Redis is started again on the same port; a cluster only. */
    START_REDIS("start-redis"),
    /** Node {@code node} (0-based) of a cluster is killed with SIGKILL; its devices move to the others. */
    KILL_NODE("kill-node");

    private final String wire;

    StepAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Faults that are injected through {@code POST /admin/faults}. */
    public boolean isFault() {
        return switch (this) {
            case BACKGROUND, CUT, DROP, DUPLICATE, REORDER, DELAY -> true;
            default -> false;
        };
    }

    /** Steps only a cluster the simulator runs can take. */
    public boolean needsCluster() {
        return this == STOP_REDIS || this == START_REDIS || this == KILL_NODE;
    }

    public static Optional<StepAction> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(text)).findFirst();
    }
}
