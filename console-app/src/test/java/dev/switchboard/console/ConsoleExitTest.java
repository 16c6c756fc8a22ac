package dev.switchboard.console;

import dev.switchboard.console.testing.LiveGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the connected console's window ends its process within 2 s (a process of its own, headless). */
class ConsoleExitTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    @TempDir
    Path home;

    @Test
    void closingTheWindowEndsTheProcessWithinTwoSeconds() throws Exception {
        closesWithinTwoSeconds("--url=" + gw.httpUrl(), "--token=" + gw.adminToken());
    }

    @Test
    void closingTheWindowOfALocalGatewayEndsTheProcessWithinTwoSeconds() throws Exception {
        closesWithinTwoSeconds("--local");
    }

    @Test
    void sigtermStopsTheLocalGatewayCleanly() throws Exception {
        Process console = start(List.of("-Dclosing.console.wait=true"), "--local");
        CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(console::destroyForcibly);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8))) {
            awaitLine(out, "connected");
            Path data = home.resolve("local-gateway").resolve("data");
            assertThat(data.resolve("switchboard.running")).as("the gateway's run marker while it runs").exists();
            console.destroy(); // SIGTERM, as systemd or a desktop session's logout sends it
            assertThat(console.waitFor(30, TimeUnit.SECONDS)).as("the process ended after SIGTERM").isTrue();
            assertThat(data.resolve("switchboard.running")).as("a clean stop removes the run marker").doesNotExist();
        } finally {
            console.destroyForcibly();
        }
    }

    /** Reads the console's output up to {@code expected}, then keeps draining it so the console never blocks on it. */
    private static void awaitLine(BufferedReader out, String expected) throws Exception {
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.equals(expected)) {
            seen.add(line);
        }
        assertThat(line).as("the console got as far as \"%s\"; it said %s", expected, seen).isEqualTo(expected);
        // Ends at the process's end of output, or when the test closes the reader: an uncaught exception
        // here would be reported by TestFX in whichever FX test runs next.
        Thread drain = new Thread(() -> {
            try {
                out.lines().forEach(l -> { });
            } catch (UncheckedIOException closedByTheTest) {
                // nothing more to read
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** A headless console in a process of its own, run by {@link ClosingConsole}. */
    private Process start(List<String> jvmOptions, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dswitchboard.console.home=" + home));
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "headless.geometry", "java.awt.headless")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.addAll(jvmOptions);
        command.add(ClosingConsole.class.getName());
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private void closesWithinTwoSeconds(String... options) throws Exception {
        Process console = start(List.of(), options);
        // a console that never connects must not hang the build: its output then ends, and so does the wait
        CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(console::destroyForcibly);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8))) {
            awaitLine(out, "closing");
            long closed = System.nanoTime();
            assertThat(console.waitFor(2, TimeUnit.SECONDS)).as("the process ended within 2 s").isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed)).isLessThan(2_000);
        } finally {
            console.destroyForcibly();
        }
    }
}
