package dev.switchboard.bench;

import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.shell.ConsoleWindow;
import dev.switchboard.console.shell.MainViewModel;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;
import dev.switchboard.console.shell.Pages;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The real operations console ({@link ConsoleWindow} with every page of {@link Pages#all()}) in this
 * JVM, headless: Monocle's Headless glass platform and Prism's software renderer, so every pulse
 * styles, lays out and paints the scene as it would on a screen, into memory. It connects the way a
 * user does: URL and admin token on the start screen, then Connect.
 *
 * <p>Threads: the window, the stage and the view models belong to the FX thread; the methods here
 * are called from other threads and post their work there, except {@link #show} and
 * {@link #tableRows}, which must run on it.
 */
final class HeadlessConsole implements AutoCloseable {
    private final Stage stage;
    private final ConsoleWindow window;
    private final MainViewModel main;
    /** From the click on Connect to the connected window on screen with its first page and the stream up. */
    private final Duration connectTime;

    private HeadlessConsole(Stage stage, ConsoleWindow window, MainViewModel main, Duration connectTime) {
        this.stage = stage;
        this.window = window;
        this.main = main;
        this.connectTime = connectTime;
    }

    /**
     * Starts the JavaFX toolkit on Monocle's headless screen with software rendering, unless the
     * command line chose otherwise. Must come before anything touches JavaFX.
     */
    static void startToolkit() throws InterruptedException {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1920x1200-32"));
        System.setProperty("java.awt.headless", "true");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        if (!started.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX toolkit did not start in 60 s");
        }
    }

    /** Runs {@code work} on the FX thread and waits for its result (up to 60 s). */
    static <T> T onFx(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("work on the FX thread failed or took over 60 s", e);
        }
    }

    /**
     * Opens the console window on its start screen, runs {@code startScreenShown} (on the FX thread,
     * once the start screen has been drawn), types in {@code httpUrl} and {@code adminToken}, clicks
     * Connect (through its view model), and waits until the pages are up and the admin stream is
     * connected. {@code tally} is added to the link's listeners once connected.
     */
    static HeadlessConsole connect(Path home, String httpUrl, String adminToken, StreamTally tally, Duration timeout,
                                   Runnable startScreenShown) throws InterruptedException {
        Stage[] stage = new Stage[1];
        ConnectViewModel[] start = new ConnectViewModel[1];
        ConsoleWindow window = onFx(() -> {
            stage[0] = new Stage();
            ConsoleWindow w = new ConsoleWindow(stage[0], home, Pages.all());
            start[0] = w.showConnect();
            stage[0].show();
            return w;
        });
        Thread.sleep(500); // a few pulses: the start screen is on screen, as a user sees it before typing
        long[] clicked = new long[1];
        onFx(() -> {
            startScreenShown.run();
            ConnectViewModel vm = start[0];
            vm.urlProperty().set(httpUrl);
            vm.tokenProperty().set(adminToken);
            vm.rememberTokenProperty().set(false);
            clicked[0] = System.nanoTime();
            vm.connect();
            return null;
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        MainViewModel main = null;
        while (main == null || main.linkStateProperty().get() != LinkState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                String screen = onFx(() -> stage[0].getScene().getRoot().lookupAll(".label").stream()
                        .map(n -> ((javafx.scene.control.Label) n).getText()).filter(t -> t != null && !t.isBlank())
                        .reduce((a, b) -> a + " | " + b).orElse(""));
                throw new IllegalStateException("the console did not connect in " + timeout.toSeconds() + " s; on screen: " + screen);
            }
            Thread.sleep(20);
            main = onFx(() -> window.main() != null && window.main().pageProperty().get() != null ? window.main() : null);
        }
        Duration connectTime = Duration.ofNanos(System.nanoTime() - clicked[0]);
        MainViewModel m = main;
        onFx(() -> {
            m.context().link().addListener(tally);
            return null;
        });
        return new HeadlessConsole(stage[0], window, main, connectTime);
    }

    /** Click on Connect to a usable window (shown, first page on screen, stream connected), polled every 20 ms. */
    Duration connectTime() {
        return connectTime;
    }

    /** The pages in navigation order. */
    List<PageSpec> pages() {
        return main.pages();
    }

    /** Shows a page the way the navigation does; FX thread. */
    void show(String id) {
        main.show(id, null);
    }

    /** The id of the page on screen; FX thread. */
    String pageId() {
        return main.pageIdProperty().get();
    }

    /** The rows each table and list of the page on screen holds, e.g. {@code connectionsTable 10,000}; FX thread. */
    String tableRows() {
        Page page = main.pageProperty().get();
        if (page == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        Set<Node> found = new LinkedHashSet<>();
        for (String styleClass : List.of(".table-view", ".tree-table-view", ".list-view")) {
            found.addAll(page.view().lookupAll(styleClass));
        }
        for (Node n : found) {
            int rows;
            if (n instanceof TableView<?> t) {
                rows = t.getItems().size();
            } else if (n instanceof TreeTableView<?> t) {
                rows = t.getExpandedItemCount();
            } else if (n instanceof ListView<?> l) {
                rows = l.getItems().size();
            } else {
                continue;
            }
            parts.add((n.getId() == null ? n.getClass().getSimpleName() : n.getId()) + " " + String.format("%,d", rows));
        }
        return String.join(", ", parts);
    }

    /** Leaves the gateway and closes the window. */
    @Override
    public void close() {
        onFx(() -> {
            window.close();
            stage.close();
            return null;
        });
    }
}
