package dev.switchboard.simulator.scenario;

/** A scenario that cannot be read or does not make sense; the message names the field ("timeline[2].device: ..."). */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
