package dev.switchboard.eventlog;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

/**
 * An H2 file system ({@code fulldisk:} prefix) over the real disk whose writes fail as on a full disk
 * while switched on: a real H2 database file, and the exact IOException the OS gives. Used with
 * {@code db.url=jdbc:h2:fulldisk:/path/...}.
 */
public final class FullDiskFilePath extends FilePathWrapper {
    private static final String SCHEME = "fulldisk";
    /** How writes behave. */
    public enum Mode {
        /** Writes go to the disk. */
        WRITES,
        /** Writes fail before anything is written. */
        FULL,
        /** Writes reach the disk and then report the failure: the caller cannot know what was stored. */
        WRITTEN_BUT_FAILED
    }

    private static volatile Mode mode = Mode.WRITES;

    static {
        FilePath.register(new FullDiskFilePath());
    }

    /** Registers the scheme (once) and returns the JDBC URL of an H2 file database at {@code path}. */
    public static String jdbcUrl(Path path) {
        return "jdbc:h2:" + SCHEME + ":" + path.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    public static void full(boolean on) {
        mode(on ? Mode.FULL : Mode.WRITES);
    }

    public static void mode(Mode m) {
        mode = m;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new FullDiskChannel(super.open(mode));
    }

    private static IOException noSpace() {
        return new IOException("No space left on device");
    }

    /** Passes everything to the real channel, except that writes fail while the disk is "full". */
    private static final class FullDiskChannel extends FileBase {
        private final FileChannel base;

        FullDiskChannel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            Mode m = mode;
            if (m == Mode.FULL) {
                throw noSpace();
            }
            int n = base.write(src);
            if (m == Mode.WRITTEN_BUT_FAILED) {
                throw noSpace();
            }
            return n;
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            Mode m = mode;
            if (m == Mode.FULL) {
                throw noSpace();
            }
            int n = base.write(src, position);
            if (m == Mode.WRITTEN_BUT_FAILED) {
                throw noSpace();
            }
            return n;
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (mode != Mode.WRITES) {
                throw noSpace();
            }
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            base.force(metaData);
        }

        @Override
        public synchronized FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
