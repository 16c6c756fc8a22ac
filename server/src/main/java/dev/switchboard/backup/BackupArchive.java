package dev.switchboard.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A backup file as {@code switchboard backup} writes it: the zip H2's {@code BACKUP TO} makes, holding
 * one H2 database file ({@code <name>.mv.db}). Reading it through checks every byte against the zip's
 * checksums, so a truncated or damaged download is found before anyone relies on it.
 */
final class BackupArchive {
    private static final String H2_FILE_SUFFIX = ".mv.db";

    private final Path file;
    private final String entryName;

    private BackupArchive(Path file, String entryName) {
        this.file = file;
        this.entryName = entryName;
    }

    /** Opens {@code file}, refusing anything that is not such a zip. */
    static BackupArchive open(Path file) throws BackupException {
        if (!Files.isRegularFile(file)) {
            throw new BackupException(file + " does not exist or is not a file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> logs = zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(H2_FILE_SUFFIX) && !n.contains("/") && !n.contains("\\")).toList();
            if (logs.size() != 1) {
                throw notABackup(file, "it is a zip, but holds " + (logs.isEmpty() ? "no" : logs.size()) + " H2 database files"
                        + " (*" + H2_FILE_SUFFIX + ") where a backup holds one");
            }
            return new BackupArchive(file, logs.get(0));
        } catch (ZipException e) {
            throw notABackup(file, "it is not a zip archive");
        } catch (IOException e) {
            throw new BackupException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BackupException notABackup(Path file, String why) {
        return new BackupException(file + " is not a Switchboard backup: " + why
                + ". A backup is the file 'switchboard backup --to FILE' writes.");
    }

    /** Reads the database out of the zip, checking its checksum; answers its size in bytes. */
    long verify() throws BackupException {
        return read(in -> in.transferTo(OutputStream.nullOutputStream()));
    }

    /** Writes the database file to {@code target}; answers its size in bytes. */
    long extractTo(Path target) throws BackupException {
        return read(in -> Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING));
    }

    private interface Reading {
        long from(InputStream in) throws IOException;
    }

    private long read(Reading reading) throws BackupException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entryName))) {
            return reading.from(in);
        } catch (IOException e) {
            throw new BackupException("cannot read the event log out of " + file + " (damaged or incomplete?): " + e.getMessage(), e);
        }
    }
}
