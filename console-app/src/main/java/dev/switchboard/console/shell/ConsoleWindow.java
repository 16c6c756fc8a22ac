package dev.switchboard.console.shell;

import dev.switchboard.adminclient.AdminStreamSocket;
import dev.switchboard.client.TrustedCa;
import dev.switchboard.console.connect.ConnectController;
import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.connect.Connection;
import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.connect.RecentGateways;
import dev.switchboard.console.connect.TokenVault;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.ui.AfterPulse;
import dev.switchboard.console.ui.Fxml;
import dev.switchboard.console.ui.Theme;
import dev.switchboard.console.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The console's one window: the start screen until a gateway is connected, then the pages. It owns
 * what lives as long as a connection (the main view model, the local gateway) and ends it on
 * Disconnect or on exit. Minimising the window pauses the link and the shown page.
 *
 * <p>Threads: FX thread; connecting and file work happen in the view models' background tasks
 * ({@code console-io}).
 */
public final class ConsoleWindow implements AutoCloseable {
    /** How long the warm-up waits after the first page is shown: its data arrives and is drawn then. */
    private static final Duration FIRST_PAGE_SETTLES = Duration.ofSeconds(1);

    private final Stage stage;
    /**
     * The scene's root for the window's life; the start screen or the shell is its one child. JavaFX
     * keeps a scene's style caches per root and drops them when the root changes: one root keeps what
     * the start screen and the warm-up styled for the pages.
     */
    private final StackPane screen = new StackPane();
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
    /** The window's one scene: its root is the start screen, or a connection's shell. */
    private final Scene scene;
    private ConnectViewModel connectVm;
    private MainViewModel main;
    private Connection connection;

    public ConsoleWindow(Stage stage, Path home, List<PageSpec> pages) {
        this.stage = stage;
        this.home = home;
        this.prefs = new ConsolePrefs(home);
        this.pages = pages;
        Theme.apply(prefs.dark());
        this.scene = new Scene(screen, 1360, 860);
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
        screen.getChildren().setAll(view);
        stage.setTitle("Switchboard console");
        connectVm.load();
        Warmup.start(screen);
        connectVm.busyProperty().addListener((o, was, now) -> {
            if (now) {
                Warmup.hold(); // until the first page is up, or the attempt failed
            } else if (main == null) {
                Warmup.release(Duration.ZERO);
            }
        });
        // while the user types: the HTTP client and the stream's decoding, both slow on first use
        io.execute(() -> {
            http();
            AdminStreamSocket.warmUpDecoding();
        });
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
     * Opens the pages for a connection, on the FX thread: the shell replaces the start screen in the
     * same scene (whose stylesheets, the pages' included, were added once), and the first page is
     * built and shown once a pulse has styled and laid out the shell, so the two costs are not paid
     * in one piece between two frames. Every
     * other page is built when first shown ({@link MainViewModel#show}).
     */
    public void showMain(Connection c) {
        connection = c;
        if (io.isShutdown()) {
            endConnection(); // the console closed while this connection was being made: nothing will own it
            return;
        }
        Parent start = (Parent) screen.getChildren().get(0);
        ConsoleContext ctx = null;
        try {
            ctx = new ConsoleContext(c.link(), UiThread.fx(), c.tokenSecret(), home, trustedCa, c.local());
            if (readOnlyLocked) {
                ctx.lockReadOnly();
            }
            main = new MainViewModel(ctx, pages, prefs);
            MainController controller = new MainController(main, this::disconnect);
            screen.getChildren().setAll(Fxml.load(MainController.class, controller));
            controller.installShortcuts(scene);
        } catch (RuntimeException e) {
            // looked up here: starting the logging framework is a cold cost paid only when needed
            LoggerFactory.getLogger(ConsoleWindow.class).warn("could not open the console for {}", c.link().httpUrl(), e);
            if (main == null && ctx != null) {
                ctx.close(); // its timer; the main view model closes it otherwise
            }
            endConnection();
            scene.getAccelerators().clear();
            screen.getChildren().setAll(start);
            connectVm.openFailed("Connected, but the console could not open its pages: " + e);
            return;
        }
        MainViewModel m = main;
        m.darkProperty().addListener((o, was, now) -> Theme.apply(now));
        stage.setTitle("Switchboard console — " + c.link().nodeName() + " (" + c.link().httpUrl() + ")"
                + (c.local() != null ? " — local gateway" : ""));
        if (!pages.isEmpty()) {
            AfterPulse.run(scene, () -> {
                if (main == m) {
                    m.showFirst();
                    Warmup.release(FIRST_PAGE_SETTLES);
                }
            });
        }
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
            main.close(); // and with it the link
            main = null;
        } else if (connection != null) {
            connection.link().close(); // its window could not be opened: no view model owns the link
        }
        if (connection != null) {
            Connection c = connection;
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
            return io.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
