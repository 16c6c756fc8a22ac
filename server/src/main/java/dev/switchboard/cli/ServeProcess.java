package dev.switchboard.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A gateway node in a JVM of its own, started through the real command line ({@code serve}) from this
 * JVM's class path, so that it can be stopped with SIGTERM or killed with SIGKILL as an operator's or
 * the kernel's kill would: the simulator's clusters and the tests' process nodes. Started once
 * {@code serve} printed its ready line (the ports it bound); its stderr goes to a log file.
 *
 * <p>Threads: the caller's; the node's stdout is read on a daemon thread of its own, so a node that
 * hangs before its ready line fails after the wait instead of blocking the caller.
 */
public final class ServeProcess {
    private static final Pattern READY = Pattern.compile("switchboard ready http=(\\d+) ws=(\\d+)");

    private final Process process;
    private final int httpPort;
    private final int wsPort;
    private final Path log;

    private ServeProcess(Process process, int httpPort, int wsPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        this.log = log;
    }

    /**
     * Runs {@code java -Xmx256m -cp <this class path> ... serve <flags>} in {@code workDir} and waits up
     * to {@code wait} for its ready line; on failure the process is killed and the log's text thrown.
     */
    public static ServeProcess start(List<String> flags, Path workDir, Path log, Map<String, String> env, Duration wait)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath(), Main.class.getName(), "serve"));
        cmd.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.complete(null);
        }, "serve-process-stdout");
        reader.setDaemon(true);
        reader.start();
        Matcher m;
        try {
            m = ready.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            m = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m = null;
        }
        if (m == null) {
            p.destroyForcibly();
            throw new IOException("the gateway did not start within " + wait.toSeconds() + " s; its log:\n"
                    + Files.readString(log));
        }
        return new ServeProcess(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), log);
    }

    /** This JVM's class path with absolute entries: the node may run in another folder. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    public int httpPort() {
        return httpPort;
    }

    public int wsPort() {
        return wsPort;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no drain, no flush, as a crash or the OOM killer would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (the node drains and stops), then the exit code; -1 if it had to be killed after a minute. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
