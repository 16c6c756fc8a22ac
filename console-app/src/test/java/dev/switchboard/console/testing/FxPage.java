package dev.switchboard.console.testing;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.Pages;
import dev.switchboard.console.ui.Theme;
import dev.switchboard.console.ui.UiThread;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Shows one console page in a TestFX stage, themed as the app themes it, and reads it back on the
 * FX thread. Use from a TestFX {@code @Start} method: {@code shown = FxPage.show(stage, gw, XPage.spec().factory())}.
 */
public final class FxPage {
    private FxPage() {
    }

    /** A page on the stage and the console context it was built for. */
    public record Shown<P extends Page>(ConsoleContext ctx, P page) {
        /** Disposes of the page (pending saves included) and closes its context, so the next test starts clean. */
        public void close() {
            run(page::dispose);
            ctx.close();
        }
    }

    /** Builds a page for a fresh FX-thread console context of {@code gw} and shows it. */
    public static <P extends Page> Shown<P> show(Stage stage, LiveGateway gw, Function<ConsoleContext, P> factory) {
        ConsoleContext ctx = gw.context(UiThread.fx());
        P page = factory.apply(ctx);
        show(stage, page);
        return new Shown<>(ctx, page);
    }

    public static void show(Stage stage, Page page) {
        Theme.apply(false);
        Scene scene = new Scene(page.view(), 1280, 800);
        Theme.addConsoleStyles(scene);
        Pages.addStylesheets(scene, Pages.all());
        stage.setScene(scene);
        stage.show();
        page.activated();
    }

    /** Reads something on the FX thread (labels, table items). */
    public static <T> T read(Callable<T> reading) {
        try {
            return WaitForAsyncUtils.asyncFx(reading).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the scene", e);
        }
    }

    /** Runs a change on the FX thread and waits for it. */
    public static void run(Runnable change) {
        read(() -> {
            change.run();
            return null;
        });
    }

    /** Waits up to 10 s until {@code condition}, evaluated on the FX thread, holds. */
    public static void await(String what, BooleanSupplier condition) {
        LiveGateway.await(what, () -> read(condition::getAsBoolean));
    }

    /** The node with this CSS selector (e.g. {@code #connectionsTable}) in the stage's scene. */
    @SuppressWarnings("unchecked")
    public static <T extends Node> T lookup(Stage stage, String selector) {
        return read(() -> (T) stage.getScene().lookup(selector));
    }

}
