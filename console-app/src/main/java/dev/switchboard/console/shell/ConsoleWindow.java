package dev.switchboard.console.shell;

import dev.switchboard.console.connect.ConnectController;
import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.connect.Connection;
import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.connect.RecentGateways;
import dev.switchboard.console.connect.TokenVault;
import dev.switchboard.console.gateway.GatewayLink;
import dev.switchboard.console.ui.Fxml;
import dev.switchboard.console.ui.Handover;
import dev.switchboard.console.ui.Theme;
import dev.switchboard.console.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-io");
        t.setDaemon(true);
        return t;
    });
    /** {@code console-build}: the window of a new connection and every page are built there, never on the FX thread. */
    private final ExecutorService builder = OffscreenPageBuilder.newBuildThread();
    /** The start screen's scene, then each connection's window (built off the FX thread, then shown). */
    private Scene scene;
    /** The other pages are built once the first one is up and its data is in. */
    private static final long PREWARM_AFTER_MILLIS = 1_500;
    private ConnectViewModel connectVm;
    private MainViewModel main;
    private Connection connection;

    public ConsoleWindow(Stage stage, Path home, List<PageSpec> pages) {
        this.stage = stage;
        this.home = home;
        this.prefs = new ConsolePrefs(home);
        this.pages = pages;
        dev.switchboard.console.ui.Warmup.start();
        Theme.apply(prefs.dark());
        this.scene = new Scene(new javafx.scene.layout.StackPane(), 1360, 860);
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
            http = GatewayLink.defaultHttp();
        }
        return http;
    }

    /**
     * Opens the pages for a connection: the window's model and view and the first page are built on
     * {@code console-build} in a scene of their own, styled and laid out there, and that scene then
     * replaces the start screen's. Until then the start screen stays, saying it is opening the console.
     */
    public void showMain(Connection c) {
        this.connection = c;
        Handover handover = new Handover(UiThread.fx());
        double width = scene.getWidth();
        double height = scene.getHeight();
        try {
            builder.execute(() -> buildMain(c, handover, width, height));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            c.link().close();
        }
    }

    /** On {@code console-build}: everything of the connected window, owned by this thread until {@link #opened}. */
    private void buildMain(Connection c, Handover handover, double width, double height) {
        try {
            ConsoleContext ctx = new ConsoleContext(c.link(), handover, c.tokenSecret(), home);
            MainController[] controller = new MainController[1];
            PageBuilder pageBuilder = new OffscreenPageBuilder(builder,
                    () -> scene.getStylesheets(), () -> controller[0].contentArea());
            MainViewModel m = new MainViewModel(ctx, pages, prefs, pageBuilder);
            controller[0] = new MainController(m, this::disconnect);
            Parent view = Fxml.load(MainController.class, controller[0]);
            if (!pages.isEmpty()) {
                m.showFirst();
            }
            Scene next = new Scene(view, width, height);
            Theme.addConsoleStyles(next);
            Pages.addStylesheets(next, pages);
            view.applyCss();
            view.layout();
            UiThread.fx().run(() -> opened(c, m, controller[0], next, handover));
        } catch (RuntimeException | Error e) {
            // looked up here: starting the logging framework is a cold cost the FX thread must not pay
            LoggerFactory.getLogger(ConsoleWindow.class).warn("could not open the console for {}", c.link().httpUrl(), e);
            UiThread.fx().run(() -> {
                handover.handOver();
                if (connection == c) {
                    endConnection();
                    connectVm.openFailed("Connected, but the console could not open its pages: " + e);
                }
            });
        }
    }

    /** On the FX thread: the built window takes over the stage. */
    private void opened(Connection c, MainViewModel m, MainController controller, Scene next, Handover handover) {
        handover.handOver();
        if (connection != c) {
            m.close(); // the console was closed while the window was being built
            return;
        }
        main = m;
        scene = next;
        stage.setScene(next);
        controller.installShortcuts(next);
        m.darkProperty().addListener((o, was, now) -> Theme.apply(now));
        stage.setTitle("Switchboard console — " + c.link().nodeName() + " (" + c.link().httpUrl() + ")"
                + (c.local() != null ? " — local gateway" : ""));
        if (!pages.isEmpty()) {
            controller.prewarm(PREWARM_AFTER_MILLIS);
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

    @Override
    public void close() {
        endConnection();
        io.shutdown();
        builder.shutdownNow();
    }
}
