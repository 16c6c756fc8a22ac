package dev.switchboard.console.shell;

import java.util.function.Function;

/**
 * A page as the navigation lists it: its id (what {@link Navigator#show} takes), its title, a short
 * hint of what it is for, how to build it for a connected gateway, and its stylesheet (a URL, or
 * null), which the window's scene carries (see {@link Pages#stylesheets}).
 */
public record PageSpec(String id, String title, String hint, Function<ConsoleContext, Page> factory, String stylesheet) {
    /** A page without a stylesheet of its own. */
    public PageSpec(String id, String title, String hint, Function<ConsoleContext, Page> factory) {
        this(id, title, hint, factory, null);
    }
}
