package dev.switchboard.bench.devices;

import dev.switchboard.bench.ClockTicks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time, resident memory and threads, read from Linux's /proc (no agent, no JMX). */
public final class ProcStats {
    private final String pid;
    private final long ticksPerSecond;

    private ProcStats(String pid) {
        this.pid = pid;
        this.ticksPerSecond = ClockTicks.perSecond();
    }

    public static ProcStats self() {
        return new ProcStats("self");
    }

    public static ProcStats of(long pid) {
        return new ProcStats(Long.toString(pid));
    }

    /** utime + stime, in nanoseconds. */
    public long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // The command name may hold spaces; the fields after its closing parenthesis do not.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000_000L / ticksPerSecond;
    }

    /** A field of /proc/PID/status: kB for VmRSS and VmHWM, a count for Threads. */
    public long status(String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    public long rssBytes() throws IOException {
        return status("VmRSS") * 1024;
    }

    public long peakRssBytes() throws IOException {
        return status("VmHWM") * 1024;
    }

    public long threads() throws IOException {
        return status("Threads");
    }
}
