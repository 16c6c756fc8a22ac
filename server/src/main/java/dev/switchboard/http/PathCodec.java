package dev.switchboard.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of one path segment or query value (room names may arrive as {@code document%3A7}). */
final class PathCodec {
    private PathCodec() {
    }

    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 3;
                    continue;
                }
            }
            int end = s.indexOf('%', i + 1);
            if (end < 0) {
                end = s.length();
            }
            byte[] run = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
            out.write(run, 0, run.length);
            i = end;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
