package dev.switchboard.console.shell;

/** Lets a page send the user to another page, e.g. from an event in the stream to its trace. */
@FunctionalInterface
public interface Navigator {
    /** Shows page {@code pageId} and hands it {@code argument} (null for none). */
    void show(String pageId, String argument);

    Navigator NONE = (page, argument) -> {
    };
}
