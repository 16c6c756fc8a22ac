package dev.switchboard.metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The space left on the disk that holds the data folder, so that an operator is warned before the
 * embedded event log fills it ({@code switchboard_data_disk_free_bytes} against
 * {@code switchboard_data_disk_size_bytes}). Free means usable by this process: what the file system
 * keeps back for root is not counted, because the gateway cannot write into it.
 *
 * <p>Both gauges are read from the file system at each scrape (a {@code statvfs}, microseconds). When
 * the folder cannot be read they show NaN rather than a number that would look like a healthy disk.
 */
public final class DataDiskGauges {
    static final String FREE = "switchboard_data_disk_free_bytes";
    static final String SIZE = "switchboard_data_disk_size_bytes";

    private DataDiskGauges() {
    }

    /** Registers both gauges for the disk of {@code dataDir}, which must exist. */
    public static void register(Metrics metrics, Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        metrics.gauge(FREE, "Bytes this process may still write on the disk of the data folder (data.dir).",
                () -> read(dir, true));
        metrics.gauge(SIZE, "Size in bytes of the disk of the data folder (data.dir).", () -> read(dir, false));
    }

    private static double read(Path dir, boolean free) {
        try {
            // The store is looked up each time: a folder mounted anew after start is measured where it now is.
            FileStore store = Files.getFileStore(dir);
            return free ? store.getUsableSpace() : store.getTotalSpace();
        } catch (IOException | SecurityException e) {
            return Double.NaN;
        }
    }
}
