package dev.switchboard.console.connections;

import java.util.Locale;

/**
 * The faults QA can inject (docs/admin-api.md, "Fault injection"), with the one parameter each
 * needs and what the client will see, for the inject dialog.
 */
public enum FaultKind {
    DROP("the next N live events are not sent (a gap)"),
    DELAY("every live event arrives late, in order"),
    DUPLICATE("every live event is sent twice"),
    REORDER("live events arrive reversed within windows of N"),
    PAUSE("nothing until the fault ends, then everything held (a backgrounded app)"),
    CUT("the TCP connection is dropped without a close frame (1006)");

    private final String effect;

    FaultKind(String effect) {
        this.effect = effect;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String effect() {
        return effect;
    }

    public boolean needsCount() {
        return this == DROP;
    }

    public boolean needsDelay() {
        return this == DELAY;
    }

    public boolean needsWindow() {
        return this == REORDER;
    }

    /** Every kind but {@code cut} lasts until it expires or is cleared. */
    public boolean lasts() {
        return this != CUT;
    }

    @Override
    public String toString() {
        return wire();
    }
}
