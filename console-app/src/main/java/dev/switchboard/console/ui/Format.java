package dev.switchboard.console.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times, durations, sizes and counts, the same on every page. */
public final class Format {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** {@code 10:01:02.003} local time, or "" for null/blank/unparseable. */
    public static String clock(String isoInstant) {
        Instant i = instant(isoInstant);
        return i == null ? "" : CLOCK.format(i);
    }

    public static String clock(long epochMillis) {
        return CLOCK.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 10:01:02} local time: when something began, where milliseconds would be noise. */
    public static String seconds(long epochMillis) {
        return SECONDS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 2026-11-29 10:01:02} local time. */
    public static String dateTime(String isoInstant) {
        Instant i = instant(isoInstant);
        return i == null ? "" : DATE_TIME.format(i);
    }

    /** {@code 2026-11-29 10:01:02} local time, from an instant (no parsing). */
    public static String dateTime(Instant at) {
        return DATE_TIME.format(at);
    }

    public static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code 3 h 12 min}, {@code 4 min 5 s}, {@code 12 s}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 86_400) {
            return (s / 86_400) + " d " + (s % 86_400) / 3600 + " h";
        }
        if (s >= 3600) {
            return (s / 3600) + " h " + (s % 3600) / 60 + " min";
        }
        if (s >= 60) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return s + " s";
    }

    /** {@code 0 B}, {@code 12.3 KiB}, {@code 4.0 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    /** {@code 0.41 ms}, {@code 12 ms}, {@code 1.2 s}. */
    public static String millis(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    /** {@code 1,423}. Written out by hand: tables format every figure of every row at each refresh. */
    public static String count(long n) {
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        int length = digits.length() - start;
        if (length <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + length / 3);
        out.append(digits, 0, start);
        int first = length % 3 == 0 ? 3 : length % 3;
        out.append(digits, start, start + first);
        for (int i = start + first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }
}
