package dev.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The gateway jar started as its own process with a fresh data folder, and what the benchmarks read
 * about it from outside: CPU time and resident memory from /proc, heap after a GC through the JDK's
 * jcmd and jstat. Reading from outside keeps the server's own code out of the measurement.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("switchboard ready http=(\\d+) ws=(\\d+)");

    final Process process;
    final Path dataDir;
    final int httpPort;
    final int wsPort;
    final List<String> command;
    private final long clockTicksPerSecond;

    private ServerProcess(Process process, Path dataDir, int httpPort, int wsPort, List<String> command) {
        this.process = process;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        this.command = command;
        this.clockTicksPerSecond = ClockTicks.perSecond();
    }

    /**
     * The serve arguments of the benchmarks with thousands of WebSocket clients on one machine: ephemeral
     * ports, the token secret they mint tokens with, no per-address connection cap (the clients come from a
     * few loopback addresses), heartbeats every 5 s. {@code httpHost} 0.0.0.0 lets clients whose source is
     * 127.0.0.2 and up reach the listeners too.
     */
    static List<String> manyClientsArgs(String httpHost, String tokenSecret) {
        return new ArrayList<>(List.of("--http-host", httpHost, "--http-port", "0", "--ws-port", "0",
                "--token-secret", tokenSecret, "--ws-max-connections-per-ip", "100000", "--ws-max-connections-per-user", "100",
                "--ws-max-connections", "20000",
                "--heartbeat-interval", "5s", "--heartbeat-timeout", "30s", "--ws-messages-per-second", "1000"));
    }

    /** Starts {@code java JVM_OPTS -jar JAR serve --data-dir FRESH SERVE_ARGS} and waits for its ready line. */
    static ServerProcess start(String jar, String jvmOpts, List<String> serveArgs) throws IOException {
        return start(jar, jvmOpts, serveArgs, 0);
    }

    /**
     * As {@link #start(String, String, List)}, under {@code nice -n NICE} when {@code nice} is not 0: a diagnostic
     * that lets the generator (the measuring side) read its sockets first when both want the two cores.
     */
    static ServerProcess start(String jar, String jvmOpts, List<String> serveArgs, int nice) throws IOException {
        Path data = Files.createTempDirectory("switchboard-bench");
        List<String> cmd = javaCommand(nice, jvmOpts);
        cmd.addAll(List.of("-jar", jar, "serve", "--data-dir", data.toString()));
        cmd.addAll(serveArgs);
        Process p = new ProcessBuilder(cmd).redirectError(data.resolve("server.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                // Whatever the server prints later must still be read, or a full pipe would stall it.
                drain(out, data.resolve("server.out"));
                return new ServerProcess(p, data, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), cmd);
            }
        }
        throw new IOException("server did not start; see " + data.resolve("server.log"));
    }

    private static void drain(BufferedReader out, Path file) {
        Thread t = new Thread(() -> {
            try (OutputStream f = Files.newOutputStream(file)) {
                String l;
                while ((l = out.readLine()) != null) {
                    f.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the server is gone
            }
        }, "server-stdout");
        t.setDaemon(true);
        t.start();
    }

    /**
     * This JVM's {@code java} with {@code jvmOpts}, under {@code nice -n NICE} when {@code nice} is not 0
     * (nice execs the JVM, so the process id stays the JVM's); the caller adds the class path or jar.
     */
    static List<String> javaCommand(int nice, String jvmOpts) {
        List<String> cmd = new ArrayList<>();
        if (nice != 0) {
            cmd.addAll(List.of("nice", "-n", Integer.toString(nice)));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmOpts.isBlank()) {
            cmd.addAll(List.of(jvmOpts.trim().split("\\s+")));
        }
        return cmd;
    }

    long pid() {
        return process.pid();
    }

    /** utime + stime of the whole server process, from /proc/PID/stat. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1_000_000_000L / clockTicksPerSecond;
    }

    /** A field of /proc/PID/status in kB (VmRSS) or as a count (Threads). */
    long status(String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid() + "/status");
    }

    long rssBytes() throws IOException {
        return status("VmRSS") * 1024;
    }

    /** A full collection in the server, so that heap and RSS readings hold live data only. */
    void gc() throws IOException, InterruptedException {
        jdkTool("jcmd", Long.toString(pid()), "GC.run");
    }

    /** Heap in use: survivor, eden and old generation used (jstat -gc, any collector), in bytes. */
    long heapUsedBytes() throws IOException, InterruptedException {
        return jstatSum("S0U", "S1U", "EU", "OU");
    }

    /** Heap committed by the JVM (what it may keep resident), in bytes. */
    long heapCommittedBytes() throws IOException, InterruptedException {
        return jstatSum("S0C", "S1C", "EC", "OC");
    }

    private long jstatSum(String... columns) throws IOException, InterruptedException {
        String[] lines = jdkTool("jstat", "-gc", Long.toString(pid())).trim().split("\n");
        List<String> head = List.of(lines[0].trim().split("\\s+"));
        String[] values = lines[1].trim().split("\\s+");
        double kb = 0;
        for (String c : columns) {
            kb += Double.parseDouble(values[head.indexOf(c)]);
        }
        return (long) (kb * 1024);
    }

    /** The first {@code top} lines of the server's live-object histogram (jcmd GC.class_histogram). */
    String classHistogram(int top) throws IOException, InterruptedException {
        String[] lines = jdkTool("jcmd", Long.toString(pid()), "GC.class_histogram").split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, top + 3); i++) {
            b.append(lines[i]).append('\n');
        }
        return b.toString();
    }

    private static String jdkTool(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** The server's /metrics text. */
    String metrics() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The first {@code max} lines of the server's log that mention an error or an exception. */
    List<String> logProblems(int max) throws IOException {
        List<String> found = new ArrayList<>();
        for (String l : Files.readAllLines(dataDir.resolve("server.log"), StandardCharsets.UTF_8)) {
            if ((l.contains("ERROR") || l.contains("Exception") || l.contains("WARN")) && found.size() < max) {
                found.add(l.length() > 300 ? l.substring(0, 300) + "..." : l);
            }
        }
        return found;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
