package dev.switchboard.eventlog;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids the gateway generates when a producer gives none: ULIDs (26 Crockford base32 characters,
 * 48 bits of milliseconds then 80 random bits), so ids sort roughly by time in logs and traces.
 */
public final class EventIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private EventIds() {
    }

    public static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long hi = random.nextLong() & 0xFFFFL;        // 16 random bits
        long lo = random.nextLong();                  // 64 random bits
        char[] out = new char[26];
        long time = epochMillis & 0xFFFF_FFFF_FFFFL;
        for (int i = 9; i >= 0; i--) {                // 10 chars = 50 bits, the top two are 0
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits = 16 chars; take them 5 bits at a time from (hi:lo).
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new String(out);
    }
}
