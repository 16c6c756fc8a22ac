package dev.switchboard.console;

import dev.switchboard.client.TrustedCa;
import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.link.ConsoleHome;
import dev.switchboard.console.shell.ConsoleWindow;
import dev.switchboard.console.shell.ExitFallback;
import dev.switchboard.console.shell.Pages;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Map;

/**
 * The console application. Options (all optional):
 * <pre>
 *   --url=http://gateway:8080   connect at start (with --token or $SWITCHBOARD_ADMIN_TOKEN)
 *   --token=&lt;admin JWT&gt;
 *   --local                     start the local gateway at once
 *   --read-only                 read-only for the whole session (not saved; the toggle cannot lift it)
 *   --ca-file=/path/ca.pem      trust this CA (and only it) for https/wss gateways; also the system
 *                               property switchboard.console.ca-file or $SWITCHBOARD_CA_FILE
 * </pre>
 */
public final class ConsoleApp extends Application {
    private ConsoleWindow window;

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        window = new ConsoleWindow(stage, ConsoleHome.dir(), Pages.all());
        if (getParameters().getUnnamed().contains("--read-only")) {
            window.lockReadOnly();
        }
        String caFile = named.getOrDefault("ca-file", System.getProperty("switchboard.console.ca-file",
                System.getenv("SWITCHBOARD_CA_FILE")));
        if (caFile != null && !caFile.isBlank()) {
            try {
                window.trustCa(TrustedCa.fromPem(Path.of(caFile)));
            } catch (IllegalArgumentException e) {
                // Nothing could connect to the gateway the file was meant for: say why and stop.
                System.err.println("switchboard console: --ca-file: " + e.getMessage());
                Platform.exit();
                return;
            }
        }
        ConnectViewModel connect = window.showConnect();
        // a dialog or other window left open must not keep the console running once its window closes
        stage.setOnCloseRequest(e -> Platform.exit());
        stage.show();
        String token = named.getOrDefault("token", System.getenv("SWITCHBOARD_ADMIN_TOKEN"));
        if (getParameters().getUnnamed().contains("--local")) {
            connect.startLocal();
        } else if (named.containsKey("url") && token != null) {
            connect.connectFromCommandLine(named.get("url"), token);
        }
    }

    /** The window closed (or Platform.exit): ends everything, and the process within {@link ExitFallback#GRACE}. */
    @Override
    public void stop() {
        if (window == null) {
            return;
        }
        ConsoleWindow closing = window;
        closing.close();
        ExitFallback.arm(ExitFallback.GRACE, closing::awaitClosed, () -> System.exit(0));
    }

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }
}
