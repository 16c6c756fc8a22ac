package dev.switchboard.eventlog;

/** The event log could not do what was asked; {@link #overloaded()} tells a full queue from a broken store. */
public final class EventLogException extends RuntimeException {
    private final boolean overloaded;

    public EventLogException(String message, Throwable cause, boolean overloaded) {
        super(message, cause);
        this.overloaded = overloaded;
    }

    public static EventLogException unavailable(String message, Throwable cause) {
        return new EventLogException(message, cause, false);
    }

    public static EventLogException overloaded(String message) {
        return new EventLogException(message, null, true);
    }

    public boolean overloaded() {
        return overloaded;
    }
}
