package dev.switchboard.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in tests for something a real gateway does asynchronously, polling every 20 ms and failing
 * with what was awaited. The one polling loop the server, client and console tests share.
 */
public final class Await {
    private Await() {
    }

    /** Waits up to 10 s. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(10), condition);
    }

    public static void until(String what, Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
