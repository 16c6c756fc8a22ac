package dev.switchboard.console.shell;

import dev.switchboard.client.TrustedCa;
import dev.switchboard.console.connect.ConnectController;
import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.connect.Connection;
import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.connect.RecentGateways;
import dev.switchboard.console.connect.TokenVault;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.ui.Fxml;
import dev.switchboard.console.ui.Handover;
import dev.switchboard.console.ui.Theme;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.console.ui.Warmup;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The console's one window: the start screen until a gateway is connected, then the pages. It owns
 * what lives as long as a connection (the main view model, the local gateway) and ends it on
 * Disconnect or on exit. Minimising the window pauses the link and the shown page.
 *
 * <p>Threads: FX thread, except what {@link #showMain} builds on {@code console-build}; connecting and
 * file work happen in the view models' background tasks ({@code console-io}).
 */
public final class ConsoleWindow implements AutoCloseable {
    private final Stage stage;
    private final Path home;
    private final ConsolePrefs prefs;
    private final List<PageSpec> pages;
    /**
     * Built on first use by a connect, on {@code console-io}: creating it (and the logging it starts)
     * takes a cold JVM the better part of a second, which the FX thread must not wait for.
     */
    private volatile OkHttpClient http;
    /** The CAs trusted for https/wss gateways ({@code --ca-file}); null for the JDK's default trust. */
    private volatile TrustedCa trustedCa;
    /** {@code --read-only}: every connection of this session is read-only, unchangeably. */
    private volatile boolean readOnlyLocked;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-io");
        t.setDaemon(true);
        return t;
    });
    /** How long building the window waits for the pages' first data (see {@link PageModel#prefetch()}). */
    private static final long FIRST_DATA_WAIT_MILLIS = 3_000;
    /** {@code console-build}: the window of a new connection, every page included, is built there, never on the FX thread. */
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-build");
        t.setDaemon(true);
        return t;
    });
    /** The start screen's scene, then each connection's window (built off the FX thread, then shown). */
    private Scene scene;
    private ConnectViewModel connectVm;
    private MainViewModel main;
    private Connection connection;

    public ConsoleWindow(Stage stage, Path home, List<PageSpec> pages) {
        this.stage = stage;
        this.home = home;
        this.prefs = new ConsolePrefs(home);
        this.pages = pages;
        Warmup.start();
        Theme.apply(prefs.dark());
        this.scene = new Scene(new StackPane(), 1360, 860);
        Theme.addConsoleStyles(scene);
        Pages.addStylesheets(scene, pages);
        stage.setScene(scene);
        stage.setTitle("Switchboard console");
        stage.setMinWidth(1000);
        stage.setMinHeight(640);
        stage.iconifiedProperty().addListener((o, was, now) -> {
            if (main != null) {
                main.minimised(now);
            }
        });
    }

    /** The start screen. */
    public ConnectViewModel showConnect() {
        GatewayConnector connector = new GatewayConnector(this::http, home, (s, d) -> {
        });
        TokenVault vault = new TokenVault(home);
        connectVm = new ConnectViewModel(UiThread.fx(), io, new RecentGateways(home, vault), connector, this::showMain);
        Parent view = Fxml.load(ConnectController.class, new ConnectController(connectVm));
        scene.setRoot(view);
        stage.setTitle("Switchboard console");
        connectVm.load();
        return connectVm;
    }

    private synchronized OkHttpClient http() {
        if (http == null) {
            TrustedCa ca = trustedCa;
            http = ca == null ? AdminLink.defaultHttp() : ca.applyTo(AdminLink.defaultHttp());
        }
        return http;
    }

    /**
     * Trusts the CAs of a PEM file, and only them, for gateways reached over https and wss: for a
     * gateway whose certificate a private CA signed. Call before the first connect.
     */
    public synchronized void trustCa(TrustedCa ca) {
        this.trustedCa = ca;
        this.http = null;
    }

    /** Makes every connection of this session read-only for good ({@code --read-only}); nothing is saved. */
    public void lockReadOnly() {
        this.readOnlyLocked = true;
    }

    /**
     * Opens the pages for a connection. The whole window, shell and every page, is built on
     * {@code console-build} in a scene of its own that no window shows yet: view models, FXML, the
     * controls' skins, styles and first layout, each page put on screen there once. That scene then
     * replaces the start screen's, which meanwhile says what is being built. Because every page was
     * styled in the very scene that shows it, switching pages later only attaches a finished view
     * (ConsolePulseBenchmark: a few ms of FX work, where building a page on the FX thread cost 70-790 ms).
     * Pages built in another scene and moved into this one would be restyled on the FX thread, and
     * JavaFX may wrongly reuse their style helpers across scenes (looked-up colours then fail).
     */
    public void showMain(Connection c) {
        this.connection = c;
        Handover handover = new Handover(UiThread.fx());
        double width = scene.getWidth();
        double height = scene.getHeight();
        try {
            builder.execute(() -> buildMain(c, handover, width, height));
        } catch (RejectedExecutionException closed) {
            // the console closed while this connection was being made: nothing will own it
            c.link().close();
            if (c.local() != null) {
                c.local().close();
            }
        }
    }

    /**
     * On {@code console-build}: everything of the connected window, owned by this thread until
     * {@link #opened}. Changes the link and timers post for it meanwhile wait in {@code handover}.
     */
    private void buildMain(Connection c, Handover handover, double width, double height) {
        try {
            ConsoleContext ctx = new ConsoleContext(c.link(), handover, c.tokenSecret(), home, trustedCa, c.local());
            if (readOnlyLocked) {
                ctx.lockReadOnly();
            }
            MainViewModel m = new MainViewModel(ctx, pages, prefs);
            MainController controller = new MainController(m, this::disconnect);
            Parent view = Fxml.load(MainController.class, controller);
            Scene next = new Scene(view, width, height);
            Theme.addConsoleStyles(next);
            Pages.addStylesheets(next, pages);
            List<CompletableFuture<?>> firstData = new ArrayList<>();
            for (PageSpec spec : pages) {
                opening(c, "building " + spec.title());
                Page page = prepare(m, spec);
                if (page != null) {
                    firstData.add(page.prefetch());
                }
            }
            opening(c, "loading the pages' first data");
            awaitFirstData(firstData);
            handover.applyHere();
            settleStartScreen(c);
            for (PageSpec spec : pages) {
                Page page = m.built(spec.id());
                if (page != null) {
                    controller.buildAhead(page);
                }
            }
            if (!pages.isEmpty()) {
                m.showFirst();
            }
            view.applyCss();
            view.layout();
            UiThread.fx().run(() -> opened(c, m, controller, next, handover));
        } catch (RuntimeException | Error | InterruptedException e) {
            // looked up here: starting the logging framework is a cold cost the FX thread must not pay
            LoggerFactory.getLogger(ConsoleWindow.class).warn("could not open the console for {}", c.link().httpUrl(), e);
            UiThread.fx().run(() -> {
                handover.handOver();
                if (connection == c) {
                    endConnection();
                    scene.getRoot().setMouseTransparent(false);
                    connectVm.openFailed("Connected, but the console could not open its pages: " + e);
                }
            });
        }
    }

    /** A page built ahead, or null when it fails: it is then built when first opened. */
    private static Page prepare(MainViewModel m, PageSpec spec) {
        try {
            return m.prepare(spec.id());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ConsoleWindow.class).warn("could not build page {} ahead; it is built when opened", spec.id(), e);
            return null;
        }
    }

    /** Waits, boundedly, for the pages' first data: a slow gateway only means emptier first layouts. */
    private static void awaitFirstData(List<CompletableFuture<?>> firstData) {
        try {
            CompletableFuture.allOf(firstData.toArray(CompletableFuture[]::new)).get(FIRST_DATA_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // shown as it is; the rest arrives through the hand-over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Before the builder lays anything out: the FX thread shows the start screen's last line, lays it
     * out once, and leaves it inert (no pointer: no hover, no tooltip) until the window replaces it, so
     * it lays nothing out while the builder does. JavaFX 21 measures the text of every control with one
     * shared, unsynchronised text layout (JDK-8347392, fixed in JavaFX 25, which needs Java 23): two
     * threads laying out at once corrupt it. Waits at most 2 s.
     */
    private void settleStartScreen(Connection c) throws InterruptedException {
        CountDownLatch laidOut = new CountDownLatch(1);
        UiThread.fx().run(() -> {
            if (connection != c) {
                laidOut.countDown();
                return;
            }
            connectVm.opening("Connected to " + c.link().nodeName() + "; laying out the pages…");
            Scene start = scene;
            start.getRoot().setMouseTransparent(true);
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                laidOut.countDown();
                Platform.runLater(() -> start.removePostLayoutPulseListener(once[0])); // not while the scene iterates its listeners
            };
            start.addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
        });
        laidOut.await(2, TimeUnit.SECONDS);
    }

    /** The start screen's line while the window is built (posted to the FX thread). */
    private void opening(Connection c, String what) {
        UiThread.fx().run(() -> {
            if (connection == c) {
                connectVm.opening("Connected to " + c.link().nodeName() + "; " + what + "…");
            }
        });
    }

    /** On the FX thread: the built window takes over the stage. */
    private void opened(Connection c, MainViewModel m, MainController controller, Scene next, Handover handover) {
        handover.handOver();
        if (connection != c) {
            m.close(); // the console was closed or left while the window was being built
            return;
        }
        main = m;
        scene = next;
        stage.setScene(next);
        controller.installShortcuts(next);
        m.darkProperty().addListener((o, was, now) -> Theme.apply(now));
        stage.setTitle("Switchboard console — " + c.link().nodeName() + " (" + c.link().httpUrl() + ")"
                + (c.local() != null ? " — local gateway" : ""));
    }

    public MainViewModel main() {
        return main;
    }

    /** Back to the start screen; a local gateway is stopped. */
    public void disconnect() {
        endConnection();
        scene.getAccelerators().clear();
        showConnect();
    }

    private void endConnection() {
        if (main != null) {
            main.close();
            main = null;
        }
        if (connection != null) {
            Connection c = connection;
            if (main == null) {
                c.link().close(); // its window was still being built: no view model owns the link yet
            }
            if (c.local() != null) {
                io.execute(() -> c.local().close());
            }
        }
        connection = null;
    }

    /**
     * Ends the connection and every thread the window owns. Returns at once: the local gateway stops
     * on {@code console-io}, whose queued work is let finish; {@link #awaitClosed} waits for it.
     */
    @Override
    public void close() {
        endConnection();
        io.shutdown();
        builder.shutdownNow();
        OkHttpClient client;
        synchronized (this) {
            client = http;
        }
        if (client != null) {
            // OkHttp's dispatcher threads are not daemons and linger a minute when idle
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /** After {@link #close}: waits at most {@code timeout} for the window's threads to end; true when they did. */
    public boolean awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return io.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    && builder.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The HTTP client the window's links share, or null before the first connect. */
    synchronized OkHttpClient httpClient() {
        return http;
    }
}
