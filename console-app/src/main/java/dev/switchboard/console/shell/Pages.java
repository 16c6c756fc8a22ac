package dev.switchboard.console.shell;

import java.util.List;

/** Every page of the console, in navigation order (Ctrl+1 is the first). */
public final class Pages {
    private Pages() {
    }

    public static List<PageSpec> all() {
        return List.of();
    }
}
