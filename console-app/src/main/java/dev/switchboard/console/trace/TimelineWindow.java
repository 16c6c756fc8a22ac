package dev.switchboard.console.trace;

import java.time.Duration;

/** How far back a user's timeline looks; the gateway keeps traces for 48 h. */
public enum TimelineWindow {
    LAST_HOUR("last 1 h", Duration.ofHours(1)),
    LAST_DAY("last 24 h", Duration.ofHours(24)),
    LAST_TWO_DAYS("last 48 h", Duration.ofHours(48));

    private final String label;
    private final Duration length;

    TimelineWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    @Override
    public String toString() {
        return label;
    }
}
