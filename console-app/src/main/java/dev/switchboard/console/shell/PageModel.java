package dev.switchboard.console.shell;

/**
 * What a page's view model hears of the page's life, as {@link ModelPage} forwards it: shown
 * ({@link #activate}), hidden ({@link #deactivate}), handed an argument by another page
 * ({@link #open}), and left for good ({@link #dispose}). A view model overrides what it needs.
 *
 * <p>Threads: every method is called on the UI thread and must return quickly.
 */
public interface PageModel {
    /** The page is shown: start refreshing what the user sees. */
    default void activate() {
    }

    /** Another page is shown, or the window is minimised: stop refreshing. */
    default void deactivate() {
    }

    /** Another page asked to show something here (an event id, a filter, a room, a scenario). */
    default void open(String argument) {
    }

    /** The link is gone for good: stop timers and drop listeners. By default, as when hidden. */
    default void dispose() {
        deactivate();
    }
}
