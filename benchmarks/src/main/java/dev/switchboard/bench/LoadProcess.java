package dev.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link ConsoleLoad} as a child process, started with this JVM's class path, optionally under
 * {@code nice}. Its answers are read on a thread of their own ({@code load-reader}).
 */
final class LoadProcess implements AutoCloseable {
    /** One answer to {@code sample}. */
    record Counters(long deliveries, long issued, long cpuNanos, long rssBytes) {
    }

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private LoadProcess(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = out.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("failed " + e);
            }
            lines.add("exited");
        }, "load-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static LoadProcess start(int nice, String jvmOpts, List<String> args, Path log) throws IOException {
        List<String> cmd = ServerProcess.javaCommand(nice, jvmOpts);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConsoleLoad.class.getName()));
        cmd.addAll(args);
        return new LoadProcess(new ProcessBuilder(cmd).redirectError(log.toFile()).start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits for {@code ready N SECONDS}; returns that line's fields. */
    String[] awaitReady(int seconds) throws InterruptedException {
        String l = next(seconds);
        if (!l.startsWith("ready ")) {
            throw new IllegalStateException("the load did not start: " + l);
        }
        return l.split(" ");
    }

    Counters sample() throws InterruptedException {
        commands.println("sample");
        String l = next(30);
        String[] f = l.split(" ");
        if (!f[0].equals("sample")) {
            throw new IllegalStateException("the load answered " + l);
        }
        return new Counters(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
    }

    /** Stops publishing; returns its {@code report} lines. */
    List<String> stop() throws InterruptedException {
        commands.println("stop");
        List<String> report = new ArrayList<>();
        String l;
        while (!(l = next(60)).equals("end")) {
            if (l.startsWith("report ")) {
                report.add(l.substring("report ".length()));
            } else if (l.equals("exited")) {
                break;
            }
        }
        return report;
    }

    private String next(int seconds) throws InterruptedException {
        String l = lines.poll(seconds, TimeUnit.SECONDS);
        if (l == null) {
            throw new IllegalStateException("no answer from the load process in " + seconds + " s");
        }
        return l;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
