package dev.switchboard.simulator.scenario;

/**
 * One chaos step of the timeline. Which fields an action needs is checked by {@link Scenario#validate}.
 *
 * @param at              seconds after the load started
 * @param action          see {@link StepAction}
 * @param user            the user it targets (faults: every connection of the user)
 * @param device          the device it targets, {@code user/name} (faults: that device's connection only)
 * @param room            for revoke and grant
 * @param durationSeconds how long the step lasts (offline, faults, token-expiry) or the gateway stays down
 * @param count           drop: events dropped; republish: events published again
 * @param window          reorder: window size
 * @param delayMs         delay: milliseconds
 * @param ttlSeconds      token-expiry: lifetime of the tokens handed out while it lasts (default 2)
 * @param node            kill-node: which node of the cluster, 0-based
 */
public record Step(double at, String action, String user, String device, String room, Double durationSeconds,
                   Integer count, Integer window, Long delayMs, Integer ttlSeconds, Integer node) {

    public Step(double at, String action, String user, String device, String room, Double durationSeconds,
                Integer count, Integer window, Long delayMs, Integer ttlSeconds) {
        this(at, action, user, device, room, durationSeconds, count, window, delayMs, ttlSeconds, null);
    }

    public StepAction kind() {
        return StepAction.parse(action).orElseThrow(() -> new ScenarioException("unknown action " + action));
    }

    public double duration() {
        return durationSeconds == null ? 0 : durationSeconds;
    }

    /**
     * When it is over, in seconds after the load started. A drop is over once injected: its
     * durationSeconds only bounds how long the gateway waits for {@code count} events to drop.
     */
    public double end() {
        StepAction a = StepAction.parse(action).orElse(null);
        return a == StepAction.DROP || a == StepAction.CUT ? at : at + duration();
    }

    public String describe() {
        StringBuilder b = new StringBuilder(action);
        if (user != null) {
            b.append(' ').append(user);
        }
        if (device != null) {
            b.append(' ').append(device);
        }
        if (room != null) {
            b.append(' ').append(room);
        }
        if (count != null) {
            b.append(" count=").append(count);
        }
        if (window != null) {
            b.append(" window=").append(window);
        }
        if (delayMs != null) {
            b.append(" delayMs=").append(delayMs);
        }
        if (node != null) {
            b.append(" node=").append(node);
        }
        if (ttlSeconds != null) {
            b.append(" ttl=").append(ttlSeconds).append('s');
        }
        if (durationSeconds != null) {
            b.append(" for ").append(durationSeconds).append('s');
        }
        return b.toString();
    }
}
