package dev.switchboard.console.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times a support person types into the log search: {@code 10:32} (today, local time),
 * {@code 2026-12-04 10:32}, an ISO-8601 instant, or a while ago: {@code 20m}, {@code 2h}, {@code 1d}
 * ("20 minutes ago"). Pure, so it is tested without a toolkit.
 */
final class SearchTime {
    private static final Pattern AGO = Pattern.compile("-?\\s*(\\d+)\\s*(s|m|min|h|d)(\\s+ago)?");

    private final Clock clock;

    SearchTime(Clock clock) {
        this.clock = clock;
    }

    /** Epoch millis as text for the admin API, "" for a blank field. */
    String epochMillis(String field, String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return "";
        }
        return Long.toString(parse(field, t).toEpochMilli());
    }

    private Instant parse(String field, String t) {
        Matcher ago = AGO.matcher(t.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Instant.parse(t);
            }
            if (t.length() <= 8) {
                return LocalDate.now(clock).atTime(LocalTime.parse(t)).atZone(clock.getZone()).toInstant();
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": \"" + t + "\" is not a time. Write 10:32, 2026-12-04 10:32,"
                    + " an ISO instant, or a while ago such as 20m or 2h.");
        }
    }
}
