package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel's own view of TCP sockets (Linux {@code /proc/net/tcp} and {@code tcp6}): what a process
 * still holds for a connection after it closed it, which no Java API shows. Tests that use it are
 * skipped where there is no such file.
 */
public final class KernelSockets {
    private static final String LISTEN = "0A";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private KernelSockets() {
    }

    /**
     * The TCP states (hex, as the kernel writes them: 01 established, 04 FIN_WAIT1, ...) of every
     * socket whose local port is {@code port}, except the listening one.
     */
    public static List<String> connectedOnLocalPort(int port) {
        assumeTrue(Files.isReadable(TABLES.get(0)), "no /proc/net/tcp on this system");
        String local = String.format(Locale.ROOT, ":%04X", port);
        List<String> states = new ArrayList<>();
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ...
                    if (f.length > 3 && f[1].endsWith(local) && !f[3].equals(LISTEN)) {
                        states.add(f[3]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return states;
    }
}
