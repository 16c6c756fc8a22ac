package dev.switchboard.console.connections;

import dev.switchboard.console.ui.UiThread;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A page's default filter, remembered across runs: the last filter text, kept under {@code key} in
 * {@value #FILE} in the console's home folder (one small properties file for every page's filter).
 * Saving waits for the user to stop typing for half a second, reads the file again and replaces it
 * atomically, so pages saving different keys do not lose each other's.
 *
 * <p>Threads: all file work runs on the given timer (never the UI thread); call from any thread.
 */
public final class SavedConnectionFilter {
    public static final String FILE = "saved-filters.properties";
    private static final Logger log = LoggerFactory.getLogger(SavedConnectionFilter.class);
    private static final long QUIET_MILLIS = 500;
    private static final Object FILE_LOCK = new Object();

    private final Path file;
    private final String key;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;

    public SavedConnectionFilter(Path home, String key, ScheduledExecutorService timer) {
        this.file = home.resolve(FILE);
        this.key = key;
        this.timer = timer;
    }

    /**
     * Keeps {@code text} (a view model's filter) saved: restores the saved text into it unless the
     * user changed it first, then saves each change. Call on the UI thread that owns {@code text}.
     */
    public void attach(StringProperty text, UiThread ui) {
        AtomicBoolean touched = new AtomicBoolean();
        text.addListener((o, was, now) -> {
            touched.set(true);
            save(now);
        });
        load().thenAccept(saved -> ui.run(() -> {
            if (!touched.get() && !saved.isBlank()) {
                text.set(saved);
            }
        }));
    }

    /** The saved text ("" for none), read on the timer thread. */
    public CompletableFuture<String> load() {
        return CompletableFuture.supplyAsync(() -> read().getProperty(key, ""), executor());
    }

    /** Remembers {@code text} once the user stops changing it. */
    public synchronized void save(String text) {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!timer.isShutdown()) {
            pending = timer.schedule(() -> write(text == null ? "" : text), QUIET_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private Executor executor() {
        return command -> {
            if (!timer.isShutdown()) {
                timer.execute(command);
            }
        };
    }

    private Properties read() {
        Properties p = new Properties();
        synchronized (FILE_LOCK) {
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IOException e) {
                    log.warn("cannot read saved filters {}: {}", file, e.toString());
                }
            }
        }
        return p;
    }

    private void write(String text) {
        synchronized (FILE_LOCK) {
            Properties p = read();
            if (text.equals(p.getProperty(key, ""))) {
                return;
            }
            p.setProperty(key, text);
            try {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    p.store(out, "Switchboard console: the last filter of each page");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log.warn("cannot save filter {} to {}: {}", key, file, e.toString());
            }
        }
    }
}
