package dev.switchboard.console.shell;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The console's small preferences in {@code console.properties} in its home: theme and the last
 * page. Read once at start, written when one changes (off the FX thread). Read-only mode is never
 * kept: a switch that outlives the session (or a {@code --read-only} start) turns into a lock nobody
 * remembers setting.
 */
public final class ConsolePrefs {
    private final Path file;
    private final Properties values = new Properties();

    public ConsolePrefs(Path home) {
        this.file = home.resolve("console.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                values.load(r);
                values.remove("readOnly"); // kept by earlier versions; dropped at the next write
            } catch (IOException e) {
                // unreadable preferences: start with the defaults
            }
        }
    }

    public synchronized boolean dark() {
        return "dark".equals(values.getProperty("theme"));
    }

    public synchronized String lastPage() {
        return values.getProperty("lastPage", "overview");
    }

    public synchronized void dark(boolean dark) {
        set("theme", dark ? "dark" : "light");
    }

    public synchronized void lastPage(String id) {
        set("lastPage", id);
    }

    private void set(String key, String value) {
        values.setProperty(key, value);
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                values.store(w, "Switchboard console preferences");
            }
        } catch (IOException e) {
            // preferences are a convenience; the console works without them
        }
    }
}
