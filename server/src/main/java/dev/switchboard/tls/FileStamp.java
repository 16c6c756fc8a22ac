package dev.switchboard.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file's modification time and size: what tells a renewed certificate without reading it. Symbolic
 * links are followed, so a certbot-style link switched to a new file counts as a change.
 *
 * @param modifiedNanos modification time; -1 when the file is missing or unreadable
 */
record FileStamp(Path file, long modifiedNanos, long size) {

    static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(file, a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size());
        } catch (IOException e) {
            return new FileStamp(file, -1, -1);
        }
    }

    static List<FileStamp> of(List<Path> files) {
        return files.stream().map(FileStamp::of).toList();
    }
}
