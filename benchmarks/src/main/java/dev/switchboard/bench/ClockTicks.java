package dev.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The kernel's clock ticks per second, the unit of the CPU times in {@code /proc/PID/stat}. */
public final class ClockTicks {
    private ClockTicks() {
    }

    /** {@code getconf CLK_TCK}, or 100 (Linux's usual value) when it cannot be asked. */
    public static long perSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
