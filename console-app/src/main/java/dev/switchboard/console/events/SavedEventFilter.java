package dev.switchboard.console.events;

/**
 * A filter set the user saved under a name; {@code applyOnOpen} marks the one the Events page
 * applies when it opens (at most one is so marked, see {@link SavedFilters}).
 */
public record SavedEventFilter(String name, EventFilter filter, boolean applyOnOpen) {
    public SavedEventFilter {
        name = name == null ? "" : name.trim();
        filter = filter == null ? EventFilter.NONE : filter;
    }

    SavedEventFilter withApplyOnOpen(boolean on) {
        return new SavedEventFilter(name, filter, on);
    }
}
