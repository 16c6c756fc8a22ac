package dev.switchboard.console.events;

/**
 * A filter set the user saved under a name; {@code applyOnOpen} marks the one the Events page
 * applies when it opens (at most one is so marked, see {@link SavedFilters}).
 */
public record SavedFilter(String name, EventFilter filter, boolean applyOnOpen) {
    public SavedFilter {
        name = name == null ? "" : name.trim();
        filter = filter == null ? EventFilter.NONE : filter;
    }

    SavedFilter withApplyOnOpen(boolean on) {
        return new SavedFilter(name, filter, on);
    }
}
