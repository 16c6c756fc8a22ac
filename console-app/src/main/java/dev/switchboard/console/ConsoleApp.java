package dev.switchboard.console;

import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.gateway.ConsoleHome;
import dev.switchboard.console.shell.ConsoleWindow;
import dev.switchboard.console.shell.Pages;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.Map;

/**
 * The console application. Options (all optional):
 * <pre>
 *   --url=http://gateway:8080   connect at start (with --token or $SWITCHBOARD_ADMIN_TOKEN)
 *   --token=&lt;admin JWT&gt;
 *   --local                     start the local gateway at once
 *   --read-only                 start in read-only mode
 * </pre>
 */
public final class ConsoleApp extends Application {
    private ConsoleWindow window;

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        if (getParameters().getUnnamed().contains("--read-only")) {
            new dev.switchboard.console.shell.ConsolePrefs(ConsoleHome.dir()).readOnly(true);
        }
        window = new ConsoleWindow(stage, ConsoleHome.dir(), Pages.all());
        ConnectViewModel connect = window.showConnect();
        stage.show();
        String token = named.getOrDefault("token", System.getenv("SWITCHBOARD_ADMIN_TOKEN"));
        if (getParameters().getUnnamed().contains("--local")) {
            connect.startLocal();
        } else if (named.containsKey("url") && token != null) {
            connect.urlProperty().set(named.get("url"));
            connect.tokenProperty().set(token);
            connect.rememberTokenProperty().set(false);
            connect.connect();
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }
}
