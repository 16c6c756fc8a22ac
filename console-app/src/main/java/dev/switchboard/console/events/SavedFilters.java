package dev.switchboard.console.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every saved filter, sorted by name, at most one of them applied on open. Immutable: each change
 * returns a new value, which {@link EventFilterStore} writes whole.
 */
public record SavedFilters(List<SavedEventFilter> filters) {
    public static final SavedFilters EMPTY = new SavedFilters(List.of());

    public SavedFilters {
        List<SavedEventFilter> sorted = new ArrayList<>(filters == null ? List.of() : filters);
        sorted.removeIf(f -> f == null || f.name().isEmpty());
        sorted.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        filters = List.copyOf(sorted);
    }

    /** Adds {@code filter}, or replaces the one of the same name (keeping whether it is the default). */
    public SavedFilters put(String name, EventFilter filter) {
        boolean wasDefault = find(name).map(SavedEventFilter::applyOnOpen).orElse(false);
        List<SavedEventFilter> next = new ArrayList<>(filters);
        next.removeIf(f -> f.name().equals(name.trim()));
        next.add(new SavedEventFilter(name, filter, wasDefault));
        return new SavedFilters(next);
    }

    public SavedFilters remove(String name) {
        List<SavedEventFilter> next = new ArrayList<>(filters);
        next.removeIf(f -> f.name().equals(name));
        return new SavedFilters(next);
    }

    /** Makes {@code name} the one applied on open and clears the mark on the others; null clears it everywhere. */
    public SavedFilters withDefault(String name) {
        List<SavedEventFilter> next = new ArrayList<>();
        for (SavedEventFilter f : filters) {
            next.add(f.withApplyOnOpen(f.name().equals(name)));
        }
        return new SavedFilters(next);
    }

    /**
     * These filters plus those of {@code older} with names not used here: what the user saved before
     * the stored filters finished loading wins, and nothing stored is lost.
     */
    public SavedFilters over(SavedFilters older) {
        List<SavedEventFilter> all = new ArrayList<>(filters);
        boolean hasDefault = filters.stream().anyMatch(SavedEventFilter::applyOnOpen);
        for (SavedEventFilter f : older.filters) {
            if (find(f.name()).isEmpty()) {
                all.add(hasDefault && f.applyOnOpen() ? new SavedEventFilter(f.name(), f.filter(), false) : f);
            }
        }
        return new SavedFilters(all);
    }

    public Optional<SavedEventFilter> find(String name) {
        return filters.stream().filter(f -> f.name().equals(name == null ? null : name.trim())).findFirst();
    }

    /** The filter applied when the page opens, if one is marked. */
    public Optional<SavedEventFilter> onOpen() {
        return filters.stream().filter(SavedEventFilter::applyOnOpen).findFirst();
    }
}
