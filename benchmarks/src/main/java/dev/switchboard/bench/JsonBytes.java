package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads a field or two out of a frame's bytes without parsing the JSON: at 200,000 frames a second a
 * tree per frame would cost the generator more CPU than the server spends sending it. Good enough for
 * frames whose keys are known not to occur inside string values (the benchmark chooses the payloads).
 */
final class JsonBytes {
    static final byte[] OP = key("op");
    static final byte[] OFFSET = key("offset");
    static final byte[] REF = key("ref");

    private JsonBytes() {
    }

    /** {@code "name":}, the bytes to look for. */
    static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** Where {@code needle} starts in {@code a[from, to)}, or -1. */
    static int indexOf(byte[] a, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (a[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The integer value of key {@code key} (first occurrence), or {@code Long.MIN_VALUE} if absent or not a number. */
    static long longField(byte[] a, int from, int to, byte[] key) {
        int at = indexOf(a, from, to, key);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        int i = at + key.length;
        while (i < to && a[i] == ' ') {
            i++;
        }
        boolean negative = i < to && a[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= to || a[i] < '0' || a[i] > '9') {
            return Long.MIN_VALUE;
        }
        long v = 0;
        while (i < to && a[i] >= '0' && a[i] <= '9') {
            v = v * 10 + (a[i++] - '0');
        }
        return negative ? -v : v;
    }

    /** The string value of {@code "op"}, or null. Allocates: for rare frames; use {@link #opIs} on the hot path. */
    static String op(byte[] a, int from, int to) {
        int at = indexOf(a, from, to, OP);
        if (at < 0) {
            return null;
        }
        int start = at + OP.length;
        while (start < to && a[start] == ' ') {
            start++;
        }
        if (start >= to || a[start] != '"') {
            return null;
        }
        int end = start + 1;
        while (end < to && a[end] != '"') {
            end++;
        }
        return new String(a, start + 1, end - start - 1, StandardCharsets.UTF_8);
    }

    /** Whether {@code "op"} is {@code value}, given as {@code "value"} bytes including the quotes. */
    static boolean opIs(byte[] a, int from, int to, byte[] quotedValue) {
        int at = indexOf(a, from, to, OP);
        if (at < 0) {
            return false;
        }
        int start = at + OP.length;
        while (start < to && a[start] == ' ') {
            start++;
        }
        if (to - start < quotedValue.length) {
            return false;
        }
        for (int j = 0; j < quotedValue.length; j++) {
            if (a[start + j] != quotedValue[j]) {
                return false;
            }
        }
        return true;
    }

    static byte[] quoted(String value) {
        return ("\"" + value + "\"").getBytes(StandardCharsets.US_ASCII);
    }
}
