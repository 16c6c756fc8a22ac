package dev.switchboard.console.trace;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two ways the trace page writes an instant: UTC ISO-8601 with milliseconds (what the gateway's
 * logs and other tickets use) and local wall-clock time (what the support person and the user see).
 * Null instants read as {@code —}. Stateless.
 */
public final class TraceTimes {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private TraceTimes() {
    }

    /** {@code 2026-11-29T10:00:00.123Z} */
    public static String utc(Instant at) {
        return at == null ? "—" : UTC.format(at);
    }

    /** {@code 2026-11-29 11:00:00.123} in {@code zone}. */
    public static String local(Instant at, ZoneId zone) {
        return at == null ? "—" : LOCAL.withZone(zone).format(at);
    }
}
