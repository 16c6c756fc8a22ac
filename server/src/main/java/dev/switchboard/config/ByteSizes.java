package dev.switchboard.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the sizes people write in configuration: {@code 0}, {@code 65536}, {@code 512KB}, {@code 200MB}, {@code 4GB} (powers of 1024). */
public final class ByteSizes {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})(|b|kb|mb|gb|tb)");

    private ByteSizes() {
    }

    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size like 0, 512KB, 200MB or 4GB, got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            case "tb" -> 40;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: \"" + text + "\"");
        }
        return n << shift;
    }
}
