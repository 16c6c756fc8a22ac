package dev.switchboard.console.shell;

import java.util.function.Function;

/**
 * A page as the navigation lists it: its id (what {@link Navigator#show} takes), its title, a short
 * hint of what it is for, and how to build it for a connected gateway.
 */
public record PageSpec(String id, String title, String hint, Function<ConsoleContext, Page> factory) {
}
