package dev.switchboard.console.simulator;

import dev.switchboard.simulator.run.ManualChaos;
import dev.switchboard.simulator.scenario.StepAction;

import java.util.Locale;

/**
 * One line of the chaos log: a step injected by hand and what came of it (the simulator's outcome, or
 * why it was refused). Immutable.
 *
 * @param clock  local time it was answered, {@code 10:01:02.003}
 * @param step   {@code cut alice/phone}, {@code drop bob/tablet count=3}
 * @param answer the outcome or the refusal
 * @param ok     false when the step was refused or failed
 */
public record ChaosLogEntry(String clock, String step, String answer, boolean ok) {
    public String text() {
        return clock + "  " + step + (ok ? "  →  " : "  ✗  ") + answer;
    }

    /** {@code offline alice/phone for 5.0 s}, {@code drop bob/tablet count=3}: the step as the user asked it. */
    static String step(StepAction action, String device, ManualChaos p) {
        double s = p.durationSeconds() == null ? ManualChaos.DEFAULT_SECONDS : p.durationSeconds();
        String seconds = String.format(Locale.ROOT, " for %.1f s", s);
        String settings = switch (action) {
            case CUT -> "";
            case DROP -> " count=" + (p.count() == null ? ManualChaos.DEFAULT_COUNT : p.count());
            case REORDER -> " window=" + (p.window() == null ? ManualChaos.DEFAULT_WINDOW : p.window()) + seconds;
            case DELAY -> " " + (p.delayMs() == null ? ManualChaos.DEFAULT_DELAY_MS : p.delayMs()) + " ms" + seconds;
            default -> seconds;
        };
        return action.wire() + " " + device + settings;
    }
}
