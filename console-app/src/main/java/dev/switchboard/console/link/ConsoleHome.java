package dev.switchboard.console.link;

import java.nio.file.Path;

/**
 * The console's folder in the user's data directory: recent gateways, the key that seals saved
 * tokens, and the local gateway's H2 event log. {@code -Dswitchboard.console.home} moves it (tests
 * use a temporary folder); otherwise {@code $XDG_DATA_HOME/switchboard-console}, or
 * {@code ~/.local/share/switchboard-console}.
 */
public final class ConsoleHome {
    private ConsoleHome() {
    }

    public static Path dir() {
        String override = System.getProperty("switchboard.console.home");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("switchboard-console");
    }
}
