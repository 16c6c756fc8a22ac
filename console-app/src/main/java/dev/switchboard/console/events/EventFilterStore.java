package dev.switchboard.console.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.switchboard.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Events page's saved filters as a small JSON file in the console's home folder
 * ({@code event-filters.json}), so they and the default survive restarts. Writes go to a temporary
 * file that then replaces the old one, so a crash never leaves half a file.
 *
 * <p>Threads: file I/O, so call it off the UI thread; it keeps no state but the path.
 */
public final class EventFilterStore {
    private static final Logger log = LoggerFactory.getLogger(EventFilterStore.class);
    static final String FILE_NAME = "event-filters.json";

    /**
     * Jackson's reader and writer, built on first load or save (off the UI thread): building them
     * introspects the records, which took the page's first build 100+ ms on the FX thread.
     */
    private static final class Codec {
        static final ObjectReader READER = Json.MAPPER.readerFor(SavedFilters.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        static final ObjectWriter WRITER = Json.MAPPER.writerFor(SavedFilters.class).withDefaultPrettyPrinter();
    }

    private final Path file;

    public EventFilterStore(Path file) {
        this.file = file;
    }

    /** The store in the console's home folder. */
    public static EventFilterStore in(Path home) {
        return new EventFilterStore(home.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** The saved filters; none when the file is missing, or unreadable (logged: a bad file must not break the page). */
    public SavedFilters load() {
        if (!Files.exists(file)) {
            return SavedFilters.EMPTY;
        }
        try {
            SavedFilters read = Codec.READER.readValue(file.toFile());
            return read == null ? SavedFilters.EMPTY : read;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read saved event filters from {}: {}", file, e.toString());
            return SavedFilters.EMPTY;
        }
    }

    public void save(SavedFilters filters) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Codec.WRITER.writeValue(tmp.toFile(), filters);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save event filters to " + file, e);
        }
    }
}
