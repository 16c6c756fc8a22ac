package dev.switchboard.console.link;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A feed's state and who wants to hear of it: a listener is told the current state when added, then
 * every change, on the thread that makes the change. Thread-safe.
 */
public final class LinkStates {
    private final List<BiConsumer<LinkState, String>> listeners = new CopyOnWriteArrayList<>();
    private volatile LinkState state;

    public LinkStates(LinkState initial) {
        this.state = initial;
    }

    public LinkState get() {
        return state;
    }

    public void set(LinkState s, String detail) {
        state = s;
        for (BiConsumer<LinkState, String> l : listeners) {
            l.accept(s, detail);
        }
    }

    public void add(BiConsumer<LinkState, String> l) {
        listeners.add(l);
        l.accept(state, "");
    }

    /** Adds {@code l} without telling it the current state: for the link's first listener, before anything happened. */
    void addQuietly(BiConsumer<LinkState, String> l) {
        listeners.add(l);
    }

    public void remove(BiConsumer<LinkState, String> l) {
        listeners.remove(l);
    }

    public void clear() {
        listeners.clear();
    }
}
