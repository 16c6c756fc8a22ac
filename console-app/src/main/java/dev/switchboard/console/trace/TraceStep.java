package dev.switchboard.console.trace;

import dev.switchboard.console.ui.Format;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One step of an event's way to the devices, as the vertical timeline draws it: received, committed,
 * handed to a node's fanout, then each device's fate. {@code at} is null for a fate with no time
 * (pending, or missed while offline); the two durations are then null too. {@code styleClass} colours
 * the step's dot ({@code step-received}, {@code step-committed}, {@code step-fanout}, {@code fate-*}).
 * Immutable.
 */
public record TraceStep(String title, String detail, Instant at, Duration sincePrevious, Duration sinceFirst,
                        String styleClass) {

    public String sincePreviousText() {
        return sincePrevious == null ? "" : elapsed(sincePrevious);
    }

    public String sinceFirstText() {
        return sinceFirst == null ? "" : elapsed(sinceFirst);
    }

    /** {@code +4 ms}, {@code +1.25 s}, {@code +14 min 31 s}; {@code −3 ms} when earlier. */
    public static String elapsed(Duration d) {
        String sign = d.isNegative() ? "\u2212" : "+";
        Duration a = d.abs();
        long ms = a.toMillis();
        if (ms < 1000) {
            return sign + ms + " ms";
        }
        if (ms < 60_000) {
            return sign + String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
        }
        return sign + Format.duration(a);
    }
}
