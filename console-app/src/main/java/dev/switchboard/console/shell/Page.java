package dev.switchboard.console.shell;

import javafx.scene.Parent;

/**
 * One screen of the console (Overview, Connections, ...): an FXML view, its thin controller and
 * its view model, built once per connected gateway, when it is first shown. The shell calls
 * {@link #activated} when the page is shown and {@link #deactivated} when another is, or when the
 * window is minimised, so a page only refreshes what the user can see.
 *
 * <p>Threads: every method is called on the JavaFX thread and must return quickly.
 */
public interface Page {
    /** The root node, built on first call. */
    Parent view();

    default void activated() {
    }

    default void deactivated() {
    }

    /** Another page asked to show something here (an event id for Trace, a user for Connections). */
    default void open(String argument) {
    }

    /** Ctrl+F: focus this page's filter or search field. */
    default void focusSearch() {
    }

    /** The link is gone for good (the user disconnected): stop timers, drop listeners. */
    default void dispose() {
    }
}
