package dev.switchboard.console.shell;

import dev.switchboard.console.ui.Handover;
import javafx.geometry.Dimension2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Builds pages on the {@code console-build} thread, so that no first visit holds the FX thread: the
 * view model, the FXML, the controls' skins, the first CSS pass and the first layout, all done in a
 * scene of the page's own that no window shows (JavaFX allows building nodes and scenes on any thread
 * until they are shown). Measured in a cold JVM, building a page on the FX thread held it 70-790 ms;
 * built here, showing it costs the FX thread only the restyling in the window's scene (10-100 ms).
 *
 * <p>Ownership: from {@link #build} until the page is handed over, the page, its view model and its
 * view belong to {@code console-build}. Its context is {@link ConsoleContext#forPage a page's context}
 * whose UI changes wait in a {@link Handover}; once built, the page is handed to the UI thread, which
 * applies what waited, ties the page's read-only switch to the window's and completes the future.
 * The builder builds one page at a time.
 */
public final class OffscreenPageBuilder implements PageBuilder {
    private final Executor builder;
    private final Supplier<List<String>> stylesheets;
    private final Supplier<Dimension2D> area;

    /**
     * @param builder     the {@code console-build} thread (one thread: pages are built one at a time)
     * @param stylesheets the window scene's stylesheets (read on the UI thread at each build)
     * @param area        the size a page gets in the window (read on the UI thread at each build)
     */
    public OffscreenPageBuilder(Executor builder, Supplier<List<String>> stylesheets, Supplier<Dimension2D> area) {
        this.builder = builder;
        this.stylesheets = stylesheets;
        this.area = area;
    }

    /** The console's one builder thread, {@code console-build}. */
    public static ExecutorService newBuildThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "console-build");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Page> build(PageSpec spec, ConsoleContext ctx) {
        Handover handover = new Handover(ctx.ui());
        ConsoleContext pageCtx = ctx.forPage(handover);
        List<String> sheets = List.copyOf(stylesheets.get());
        Dimension2D size = area.get();
        CompletableFuture<Page> done = new CompletableFuture<>();
        try {
            builder.execute(() -> {
                Page[] page = new Page[1];
                try {
                    page[0] = spec.factory().apply(pageCtx);
                    style(page[0].view(), sheets, size);
                } catch (RuntimeException | Error e) {
                    ctx.ui().run(() -> {
                        handover.handOver();
                        if (page[0] != null) {
                            page[0].dispose();
                        }
                        done.completeExceptionally(e);
                    });
                    return;
                }
                ctx.ui().run(() -> {
                    handover.handOver();
                    pageCtx.followWindow();
                    done.complete(page[0]);
                });
            });
        } catch (RejectedExecutionException closed) {
            done.completeExceptionally(closed);
        }
        return done;
    }

    /**
     * Skins, styles and lays out {@code view} at {@code size} in a scene of its own, then takes it
     * out again: shown later, it keeps its skins, cells and sizes.
     */
    static void style(Parent view, List<String> sheets, Dimension2D size) {
        StackPane holder = new StackPane(view);
        Scene scene = new Scene(holder, size.getWidth(), size.getHeight());
        scene.getStylesheets().setAll(sheets);
        holder.applyCss();
        holder.layout();
        holder.getChildren().clear();
    }
}
