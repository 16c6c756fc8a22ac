package dev.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer server started as its own process (a JVM, nats-server, node): its output, stdout and stderr
 * together, goes to a log file once the ready line has been seen.
 */
final class PeerProcess implements AutoCloseable {
    final Process process;
    final Matcher ready;
    final Path log;

    private PeerProcess(Process process, Matcher ready, Path log) {
        this.process = process;
        this.ready = ready;
        this.log = log;
    }

    /** Starts {@code command} and waits up to 60 s for a line matching {@code ready}. */
    static PeerProcess start(List<String> command, Path workDir, Pattern ready, Path log) throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        OutputStream file = Files.newOutputStream(log);
        long deadline = System.nanoTime() + 60_000_000_000L;
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            Matcher m = ready.matcher(line);
            if (m.find()) {
                drain(out, file);
                return new PeerProcess(p, m, log);
            }
        }
        file.close();
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not start; see " + log);
    }

    private static void drain(BufferedReader out, OutputStream file) {
        // Whatever the peer prints later must still be read, or a full pipe would stall it.
        Thread t = new Thread(() -> {
            try (file) {
                String l;
                while ((l = out.readLine()) != null) {
                    file.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the peer is gone
            }
        }, "peer-output");
        t.setDaemon(true);
        t.start();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
