package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of another process read from /proc, whatever it runs (a JVM, nats-server, node): utime +
 * stime of the whole process, and of its threads by name, so that a JVM's JIT compiler and GC
 * threads can be told apart from the work being measured.
 *
 * <p>Thread names come from /proc/PID/task/TID/comm (15 characters at most, so "C2 CompilerThre").
 * A thread that ends inside the window takes its time with it (the JDK stops idle compiler threads),
 * so a per-thread sum is a lower bound; the whole-process figure is exact.
 */
final class PeerCpu {
    private final long pid;
    private final long ticksPerSecond;

    PeerCpu(long pid) {
        this.pid = pid;
        this.ticksPerSecond = ClockTicks.perSecond();
    }

    /** One reading: the process's CPU and each live thread's CPU and name. */
    record Reading(long processNanos, Map<Long, Long> threadNanos, Map<Long, String> threadNames) {
        /** CPU of the threads whose name starts with one of {@code prefixes}, from {@code before} to this reading. */
        long threadsSince(Reading before, String... prefixes) {
            long sum = 0;
            for (Map.Entry<Long, Long> t : threadNanos.entrySet()) {
                String name = threadNames.get(t.getKey());
                for (String p : prefixes) {
                    if (name.startsWith(p)) {
                        sum += t.getValue() - before.threadNanos.getOrDefault(t.getKey(), 0L);
                        break;
                    }
                }
            }
            return sum;
        }
    }

    Reading read() throws IOException {
        long process = statNanos(Path.of("/proc", Long.toString(pid), "stat"));
        Map<Long, Long> threads = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    names.put(tid, Files.readString(task.resolve("comm")).trim());
                    threads.put(tid, statNanos(task.resolve("stat")));
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                    names.remove(Long.parseLong(task.getFileName().toString()));
                }
            }
        }
        return new Reading(process, threads, names);
    }

    private long statNanos(Path stat) throws IOException {
        String s = Files.readString(stat);
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000_000L / ticksPerSecond;
    }
}
