package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This JVM's CPU time by thread, native threads included (the JIT compilers, the GC workers), from
 * {@code /proc/self/task}: which part of the console a phase's CPU went to. Threads are grouped by
 * name with digits dropped ({@code C2 CompilerThread0} and {@code 1} are one group), since the kernel
 * keeps only the first 15 characters of a name anyway. A thread that ended during a phase takes its
 * CPU with it; the process total still counts it, as "(ended threads)".
 */
final class ThreadGroupsCpu {
    private static final long TICK_NANOS = 1_000_000_000L / ClockTicks.perSecond();

    private ThreadGroupsCpu() {
    }

    /** One thread's group and CPU nanoseconds so far. */
    record Task(String group, long cpuNanos) {
    }

    /** Every thread of this process by thread id; threads that end while being read are skipped. */
    static Map<String, Task> sample() {
        Map<String, Task> byTask = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (comm) state ...": the name may hold spaces and parentheses, the last ')' ends it
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]); // utime, stime
                    String group = stat.substring(open + 1, close).replaceAll("[0-9]+", "#").trim();
                    byTask.put(task.getFileName().toString(), new Task(group, ticks * TICK_NANOS));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byTask;
    }

    /**
     * The CPU each group used between two samples, largest first, as "name 12 %" over {@code nanos}
     * of wall time, down to {@code minPercent}; {@code processNanos} is the process's own CPU over the
     * same interval, whose remainder is reported as ended threads.
     */
    static String between(Map<String, Task> before, Map<String, Task> after, long nanos, long processNanos,
                          double minPercent) {
        Map<String, Long> groups = new HashMap<>();
        long counted = 0;
        for (Map.Entry<String, Task> e : after.entrySet()) {
            Task b = before.get(e.getKey());
            long used = e.getValue().cpuNanos() - (b == null ? 0 : b.cpuNanos());
            groups.merge(e.getValue().group(), used, Long::sum);
            counted += used;
        }
        groups.merge("(ended threads)", Math.max(0, processNanos - counted), Long::sum);
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : sorted) {
            double percent = 100.0 * e.getValue() / Math.max(1, nanos);
            if (percent >= minPercent) {
                parts.add(String.format("%s %.1f %%", e.getKey(), percent));
            }
        }
        return String.join(", ", parts);
    }
}
