package dev.switchboard.console.shell;

import dev.switchboard.console.connect.ConnectController;
import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.connect.Connection;
import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.connect.RecentGateways;
import dev.switchboard.console.connect.TokenVault;
import dev.switchboard.console.gateway.GatewayLink;
import dev.switchboard.console.ui.Fxml;
import dev.switchboard.console.ui.Theme;
import dev.switchboard.console.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console's one window: the start screen until a gateway is connected, then the pages. It owns
 * what lives as long as a connection (the main view model, the local gateway) and ends it on
 * Disconnect or on exit. Minimising the window pauses the link and the shown page.
 *
 * <p>Threads: FX thread only; connecting and file work happen in the view models' background tasks
 * ({@code console-io}).
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
    private final Scene scene;
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

    /** The pages, for an open connection. */
    public MainViewModel showMain(Connection c) {
        this.connection = c;
        ConsoleContext ctx = new ConsoleContext(c.link(), UiThread.fx(), c.tokenSecret(), home);
        main = new MainViewModel(ctx, pages, prefs);
        MainController controller = new MainController(main, this::disconnect);
        Parent view = Fxml.load(MainController.class, controller);
        scene.setRoot(view);
        controller.installShortcuts(scene);
        main.darkProperty().addListener((o, was, now) -> Theme.apply(now));
        stage.setTitle("Switchboard console — " + c.link().nodeName() + " (" + c.link().httpUrl() + ")"
                + (c.local() != null ? " — local gateway" : ""));
        if (!pages.isEmpty()) {
            main.showFirst();
            controller.prewarm(PREWARM_AFTER_MILLIS);
        }
        return main;
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
        if (connection != null && connection.local() != null) {
            Connection c = connection;
            io.execute(() -> c.local().close());
        }
        connection = null;
    }

    @Override
    public void close() {
        endConnection();
        io.shutdown();
    }
}
