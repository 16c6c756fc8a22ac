package dev.switchboard.console.shell;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Ends the process once the console has closed, even when something it started still holds a
 * non-daemon thread: OkHttp keeps its dispatcher threads for a minute after the last call, and the
 * simulator's device clients and a local gateway have their own. Closing the window must end the
 * console within 2 s, so after cleanup (waited for at most {@code grace}) the fallback exits.
 *
 * <p>Threads: runs on its own daemon thread ({@code console-exit}), which never keeps the JVM alive.
 */
public final class ExitFallback {
    /** How long cleanup (the local gateway's shutdown first) may take before the process ends anyway. */
    public static final Duration GRACE = Duration.ofMillis(1500);

    private ExitFallback() {
    }

    /**
     * Waits for {@code cleanedUp} (given the time it may take, returns whether it finished), then runs
     * {@code exit}, which should end the process ({@code () -> System.exit(0)}).
     */
    public static Thread arm(Duration grace, Predicate<Duration> cleanedUp, Runnable exit) {
        Thread t = new Thread(() -> {
            try {
                cleanedUp.test(grace);
            } catch (RuntimeException e) {
                // cleanup that broke is no reason to keep the process: it ends all the same
            }
            exit.run();
        }, "console-exit");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
