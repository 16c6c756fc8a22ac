package dev.switchboard.console.shell;

import java.util.concurrent.CompletableFuture;

/**
 * Builds a page (view model and view) for a connected gateway. The console builds pages off the UI
 * thread ({@link OffscreenPageBuilder}); view-model tests without a toolkit build them in place
 * ({@link #inPlace()}).
 *
 * <p>Threads: {@link #build} is called on the UI thread, and the future completes on it, with the
 * page ready to be shown.
 */
public interface PageBuilder {
    CompletableFuture<Page> build(PageSpec spec, ConsoleContext ctx);

    /** Builds at once on the calling thread, for {@code ctx} itself. */
    static PageBuilder inPlace() {
        return (spec, ctx) -> {
            try {
                return CompletableFuture.completedFuture(spec.factory().apply(ctx));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
