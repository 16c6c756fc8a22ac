package dev.switchboard.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How responsive the JavaFX application thread stays, phase by phase (one phase per console page on
 * screen), seen two ways:
 * <ul>
 *   <li><b>pulse gaps</b>: an {@link AnimationTimer} asks for a pulse every frame, so consecutive
 *       {@code handle} calls come 16.7 ms apart (60 Hz) unless the thread was busy; a gap is how long
 *       the window could not repaint;</li>
 *   <li><b>the watchdog</b>: every 10 ms another thread posts a task with {@code Platform.runLater} and
 *       the task records how late it ran: how long a click or a stream batch would have waited;</li>
 *   <li><b>work between pulses</b>: the CPU time the FX thread spent from one pulse to the next (the
 *       rest of a pulse's CSS, layout and sync, then the runLater tasks before the next). Wall-clock
 *       gaps also grow when the thread waits for a CPU on a busy machine; this one does not, so it
 *       tells how long the console itself would hold the thread with a core to itself.</li>
 * </ul>
 * While a watchdog task has waited over {@code stallMillis}, the watchdog also takes a stack sample of
 * the FX thread every tick ({@link FxStalls}), which names the code holding it; while the FX thread is
 * free but no pulse came for as long, it samples the renderer thread instead.
 *
 * <p>Threads: phases and their histograms belong to the FX thread ({@link #begin}, the timer and the
 * watchdog's tasks all run there); the watchdog thread posts, samples, and alone touches
 * {@code outstanding}; the volatile fields carry the FX thread's signs of life to it.
 */
final class FxPulseProbe implements AutoCloseable {
    /** One phase's figures; nanoseconds unless named otherwise. */
    record Figures(String name, boolean measured, long nanos, long pulses, long gapMax, long gapP99, long gapP999,
                   long gapsOver50, long gapsOver100, long workMax, long workP99, long workOver100, long lateCount, long lateMax,
                   long lateP99, long fxCpuNanos, long gcPauseMillis, long gcCount, String note) {
    }

    /** A phase's running state; FX thread only. */
    private static final class Phase {
        final String name;
        final boolean measured;
        final LatencyHistogram gaps = new LatencyHistogram();
        final LatencyHistogram late = new LatencyHistogram();
        final LatencyHistogram work = new LatencyHistogram();
        long workOver100;
        long gapsOver50;
        long gapsOver100;
        long start;
        long end;
        long fxCpuStart;
        long fxCpu;
        long gcMillisStart;
        long gcCountStart;
        long gcMillis;
        long gcCount;
        String note = "";

        Phase(String name, boolean measured) {
            this.name = name;
            this.measured = measured;
        }

        void gap(long nanos) {
            gaps.record(nanos);
            if (nanos > 50_000_000L) {
                gapsOver50++;
            }
            if (nanos > 100_000_000L) {
                gapsOver100++;
            }
        }

        void work(long cpuNanos) {
            work.record(cpuNanos);
            if (cpuNanos > 100_000_000L) {
                workOver100++;
            }
        }

        Figures figures() {
            return new Figures(name, measured, end - start, gaps.count(), gaps.max(), gaps.percentile(0.99),
                    gaps.percentile(0.999), gapsOver50, gapsOver100, work.max(), work.percentile(0.99), workOver100, late.count(),
                    late.max(), late.percentile(0.99), fxCpu, gcMillis, gcCount, note);
        }
    }

    private static final long TICK_NANOS = 10_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final FxStalls stalls;
    private final long stallNanos;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final List<Phase> done = new ArrayList<>();
    private final Phase overall = new Phase("all pages", true);
    private final AnimationTimer timer;
    private Thread fxThread;
    private Phase current;
    private long lastPulse;
    private long lastPulseCpu;
    private volatile long lastPulseAt;
    private volatile long lastRanPost;
    private volatile long lastRanAt;
    private volatile String currentName = "";
    // watchdog thread only: post times of the probe tasks not known to have run, oldest first
    private final ArrayDeque<Long> outstanding = new ArrayDeque<>();
    private Thread renderer;

    FxPulseProbe(FxStalls stalls, long stallMillis) {
        this.stalls = stalls;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse(now);
            }
        };
    }

    /** Starts the timer and the watchdog with a first phase {@code name}; FX thread. */
    void start(String name, boolean measured) {
        fxThread = Thread.currentThread();
        lastPulseAt = System.nanoTime();
        begin(name, measured);
        timer.start();
        watchdog.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * Ends the current phase and begins the next; FX thread. {@code measured} phases count towards the
     * "all pages" figures.
     */
    void begin(String name, boolean measured) {
        long now = System.nanoTime();
        finish(now);
        current = new Phase(name, measured);
        current.start = now;
        current.fxCpuStart = threads.getThreadCpuTime(fxThread.getId());
        long[] gc = gcPauses();
        current.gcMillisStart = gc[0];
        current.gcCountStart = gc[1];
        if (measured && overall.start == 0) {
            overall.start = now;
            overall.fxCpuStart = current.fxCpuStart;
            overall.gcMillisStart = gc[0];
            overall.gcCountStart = gc[1];
        }
        currentName = name;
    }

    /** A remark for the current phase's row (what its tables held); FX thread. */
    void note(String text) {
        if (current != null) {
            current.note = text;
        }
    }

    /** Stops measuring and returns every phase, then "all pages"; FX thread. */
    List<Figures> stop() {
        timer.stop();
        watchdog.shutdownNow();
        long now = System.nanoTime();
        finish(now);
        current = null;
        List<Figures> out = new ArrayList<>();
        done.forEach(p -> out.add(p.figures()));
        if (overall.start != 0) {
            out.add(overall.figures());
        }
        return out;
    }

    private void finish(long now) {
        if (current == null) {
            return;
        }
        current.end = now;
        long cpu = threads.getThreadCpuTime(fxThread.getId());
        long[] gc = gcPauses();
        current.fxCpu = cpu - current.fxCpuStart;
        current.gcMillis = gc[0] - current.gcMillisStart;
        current.gcCount = gc[1] - current.gcCountStart;
        done.add(current);
        if (current.measured) {
            overall.end = now;
            overall.fxCpu = cpu - overall.fxCpuStart;
            overall.gcMillis = gc[0] - overall.gcMillisStart;
            overall.gcCount = gc[1] - overall.gcCountStart;
        }
    }

    private void pulse(long now) {
        long cpu = threads.getCurrentThreadCpuTime();
        if (lastPulse != 0 && current != null) {
            long gap = now - lastPulse;
            current.gap(gap);
            current.work(cpu - lastPulseCpu);
            if (current.measured) {
                overall.gap(gap);
                overall.work(cpu - lastPulseCpu);
            }
        }
        lastPulse = now;
        lastPulseCpu = cpu;
        lastPulseAt = System.nanoTime();
    }

    /**
     * Watchdog thread: when the oldest probe task still waiting was posted over the threshold ago, the
     * FX thread is stuck and its stack is sampled; when it is not but no pulse came for as long, the
     * renderer's is (software rendering of a frame holds back the next pulse). Then posts the next task.
     */
    private void tick() {
        long now = System.nanoTime();
        long ran = lastRanPost;
        while (!outstanding.isEmpty() && outstanding.peekFirst() <= ran) {
            outstanding.pollFirst();
        }
        Long oldest = outstanding.peekFirst();
        if (oldest != null && now - oldest > stallNanos) {
            stalls.sample("FX thread busy", fxThread, currentName, oldest, now);
        } else if (now - lastPulseAt > stallNanos && renderer() != null) {
            stalls.sample("no pulse, FX thread idle; renderer thread", renderer, currentName, lastPulseAt, now);
        } else {
            stalls.settle(lastRanAt);
        }
        outstanding.addLast(now);
        Platform.runLater(() -> ran(now));
    }

    private Thread renderer() {
        if (renderer == null) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("QuantumRenderer")) {
                    renderer = t;
                }
            }
        }
        return renderer;
    }

    private void ran(long posted) {
        long now = System.nanoTime();
        lastRanPost = posted;
        lastRanAt = now;
        if (current != null) {
            current.late.record(now - posted);
            if (current.measured) {
                overall.late.record(now - posted);
            }
        }
    }

    /** {milliseconds, count} of stop-the-world collections so far (concurrent cycles left out). */
    private static long[] gcPauses() {
        long millis = 0;
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent")) {
                millis += Math.max(0, gc.getCollectionTime());
                count += Math.max(0, gc.getCollectionCount());
            }
        }
        return new long[] {millis, count};
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
