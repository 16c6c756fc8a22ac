package dev.switchboard.simulator.run;

import dev.switchboard.simulator.scenario.Step;
import dev.switchboard.simulator.scenario.StepAction;

/**
 * The settings of a step injected by hand ({@link Simulation#inject}), as a scenario step would give
 * them. A null field takes its default; fields the action does not use are ignored.
 *
 * @param durationSeconds offline, background, duplicate, reorder, delay: how long it lasts (default
 *                        {@value #DEFAULT_SECONDS} s); restart-gateway: the downtime (default
 *                        {@value #DEFAULT_DOWNTIME_SECONDS} s)
 * @param count           drop: how many live events (default {@value #DEFAULT_COUNT})
 * @param window          reorder: window size, 2 or more (default {@value #DEFAULT_WINDOW})
 * @param delayMs         delay: milliseconds (default {@value #DEFAULT_DELAY_MS})
 */
public record ManualChaos(Double durationSeconds, Integer count, Integer window, Long delayMs) {
    public static final double DEFAULT_SECONDS = 5;
    public static final double DEFAULT_DOWNTIME_SECONDS = 1;
    public static final int DEFAULT_COUNT = 3;
    public static final int DEFAULT_WINDOW = 4;
    public static final long DEFAULT_DELAY_MS = 500;

    /** Every setting at its default. */
    public static ManualChaos defaults() {
        return new ManualChaos(null, null, null, null);
    }

    public static ManualChaos lasting(double seconds) {
        return new ManualChaos(seconds, null, null, null);
    }

    public static ManualChaos dropping(int count) {
        return new ManualChaos(null, count, null, null);
    }

    /**
     * The step this asks for, {@code at} seconds after second 0, on {@code device} (null for
     * restart-gateway), with only the fields its action uses; a setting out of range is refused.
     */
    Step step(StepAction action, String device, double at) {
        double seconds = durationSeconds != null ? durationSeconds
                : action == StepAction.RESTART_GATEWAY ? DEFAULT_DOWNTIME_SECONDS : DEFAULT_SECONDS;
        require(seconds > 0 && seconds <= 3600, "durationSeconds must be in (0, 3600], got " + seconds);
        return switch (action) {
            case OFFLINE, BACKGROUND, DUPLICATE, RESTART_GATEWAY ->
                    new Step(at, action.wire(), null, device, null, seconds, null, null, null, null);
            case CUT -> new Step(at, action.wire(), null, device, null, null, null, null, null, null);
            case DROP -> {
                int n = count == null ? DEFAULT_COUNT : count;
                require(n >= 1, "count must be 1 or more, got " + n);
                yield new Step(at, action.wire(), null, device, null, null, n, null, null, null);
            }
            case REORDER -> {
                int w = window == null ? DEFAULT_WINDOW : window;
                require(w >= 2, "window must be 2 or more, got " + w);
                yield new Step(at, action.wire(), null, device, null, seconds, null, w, null, null);
            }
            case DELAY -> {
                long ms = delayMs == null ? DEFAULT_DELAY_MS : delayMs;
                require(ms >= 1, "delayMs must be 1 or more, got " + ms);
                yield new Step(at, action.wire(), null, device, null, seconds, null, null, ms, null);
            }
            default -> throw new IllegalArgumentException(action.wire() + " cannot be injected by hand");
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
