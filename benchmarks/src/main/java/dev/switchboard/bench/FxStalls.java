package dev.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stack samples taken while the JavaFX thread is stuck (or, with the FX thread free, while no pulse
 * comes: then of the renderer thread), grouped by stall, and what they blame: a poor man's profiler
 * that needs no agent. {@link FxPulseProbe} says when a stall goes on; every sample until it ends
 * goes to it.
 *
 * <p>A sample blames the first frame of console code ({@code dev.switchboard.*} outside the benchmark)
 * from the top of the stack: the call that holds the thread, or that asked JavaFX for the work that
 * does. What JavaFX was doing is named from its frames (CSS, layout, rendering, a runLater task...).
 *
 * <p>Threads: {@link #sample} and {@link #settle} on the watchdog thread, {@link #report} after it
 * stopped; synchronized, as the report may come from another thread.
 */
final class FxStalls {
    private static final int MAX_STALLS = 500;
    private static final int MAX_SAMPLES_PER_STALL = 40;

    /** What JavaFX was doing, by the innermost of these frames found on the stack. */
    private static final String[][] STAGES = {
            {"com.sun.prism.", "rendering (Prism)"},
            {"com.sun.javafx.sg.prism.", "rendering (scene graph)"},
            {"com.sun.javafx.tk.quantum.ViewPainter", "rendering"},
            {"javafx.scene.Scene$ScenePulseListener.synchronizeSceneNodes", "syncing nodes to the renderer"},
            {"javafx.scene.Node.applyCss", "CSS"},
            {"javafx.scene.Scene.doCSSPass", "CSS pass"},
            {"javafx.scene.Scene.doLayoutPass", "layout pass"},
            {"javafx.scene.control.skin.VirtualFlow", "virtual flow (table/list cells)"},
            {"javafx.collections.", "observable list change"},
            {"javafx.beans.", "property listeners"},
            {"javafx.animation.AnimationTimer", "animation timer"},
            {"com.sun.javafx.application.PlatformImpl.lambda$runLater", "a runLater task"},
    };

    /** One stall: since when the thread was stuck, where, and its samples. */
    private static final class Stall {
        final String kind;
        final long since;
        final String phase;
        long firstSeen;
        long seen;
        long ended;
        long cpuFirst;
        long cpuLast;
        final List<StackTraceElement[]> samples = new ArrayList<>();

        Stall(String kind, long since, String phase) {
            this.kind = kind;
            this.since = since;
            this.phase = phase;
        }

        long millis() {
            return ((ended != 0 ? ended : seen) - since) / 1_000_000L;
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Stall> stalls = new ArrayList<>();
    private Stall open;
    private long dropped;

    /**
     * A stall of {@code kind} going on since {@code since} (a new one when {@code since} or the kind
     * changed): takes one sample of {@code thread}.
     */
    synchronized void sample(String kind, Thread thread, String phase, long since, long now) {
        if (open == null || open.since != since || !open.kind.equals(kind)) {
            if (open != null) {
                open.ended = open.seen;
                open = null;
            }
            if (stalls.size() >= MAX_STALLS) {
                dropped++;
                return;
            }
            open = new Stall(kind, since, phase);
            open.firstSeen = now;
            open.cpuFirst = threads.getThreadCpuTime(thread.getId());
            stalls.add(open);
        }
        open.seen = now;
        open.cpuLast = threads.getThreadCpuTime(thread.getId());
        if (open.samples.size() < MAX_SAMPLES_PER_STALL) {
            open.samples.add(thread.getStackTrace());
        }
    }

    /** The stalled work went on at {@code at}: an open stall ends there. */
    synchronized void settle(long at) {
        if (open != null) {
            open.ended = Math.max(at, open.seen);
            open = null;
        }
    }

    /**
     * Per phase and kind: the stalls, how long they lasted, how much CPU the sampled thread used while
     * they were sampled (near 100 %: it was computing; near 0: it waited, for the renderer, a lock or
     * a CPU), and the code blamed by most samples, each console culprit with one example stack; then
     * a sample of the longest stall.
     */
    synchronized String report(int topBlamed, int stackDepth) {
        StringBuilder b = new StringBuilder();
        if (stalls.isEmpty()) {
            return "FX thread stalls: none (no probe task waited, and no pulse was missing, over the threshold)\n";
        }
        Map<String, List<Stall>> byPhase = new LinkedHashMap<>();
        for (Stall s : stalls) {
            byPhase.computeIfAbsent(s.phase + ", " + s.kind, k -> new ArrayList<>()).add(s);
        }
        b.append(String.format("FX thread stalls (stack sampled every 10 ms while stuck)%s:%n",
                dropped > 0 ? ", " + dropped + " more not recorded" : ""));
        for (Map.Entry<String, List<Stall>> e : byPhase.entrySet()) {
            List<Stall> list = e.getValue();
            Stall worst = list.stream().max(Comparator.comparingLong(Stall::millis)).orElseThrow();
            long samples = list.stream().mapToLong(s -> s.samples.size()).sum();
            long total = list.stream().mapToLong(Stall::millis).sum();
            long sampled = list.stream().mapToLong(s -> s.seen - s.firstSeen).sum();
            long cpu = list.stream().mapToLong(s -> s.cpuLast - s.cpuFirst).sum();
            b.append(String.format("  %s: %d stalls, %,d ms in all, longest ~%,d ms; thread CPU while sampled %s; %d samples blame:%n",
                    e.getKey(), list.size(), total, worst.millis(), sampled <= 0 ? "n/a" : Math.round(100.0 * cpu / sampled) + " %",
                    samples));
            Map<String, Integer> blamed = new TreeMap<>();
            Map<String, StackTraceElement[]> example = new TreeMap<>();
            for (Stall s : list) {
                for (StackTraceElement[] st : s.samples) {
                    String key = blame(st) + " — " + stage(st);
                    blamed.merge(key, 1, Integer::sum);
                    example.putIfAbsent(key, st);
                }
            }
            blamed.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(topBlamed)
                    .forEach(x -> {
                        b.append(String.format("    %3d × %s%n", x.getValue(), x.getKey()));
                        appendConsoleExample(b, example.get(x.getKey()));
                    });
        }
        Stall worst = stalls.stream().max(Comparator.comparingLong(Stall::millis)).orElseThrow();
        if (!worst.samples.isEmpty()) {
            StackTraceElement[] st = worst.samples.get(worst.samples.size() / 2);
            b.append(String.format("  a sample of the longest stall (~%d ms, %s, %s):%n", worst.millis(), worst.phase, worst.kind));
            for (int i = 0; i < Math.min(stackDepth, st.length); i++) {
                b.append("      at ").append(st[i]).append('\n');
            }
        }
        return b.toString();
    }

    /** For a sample that blames console code: its frames from the top to three below the first console frame. */
    private static void appendConsoleExample(StringBuilder b, StackTraceElement[] st) {
        int culprit = -1;
        for (int i = 0; i < st.length && culprit < 0; i++) {
            String c = st[i].getClassName();
            if (c.startsWith("dev.switchboard.") && !c.startsWith("dev.switchboard.bench.")) {
                culprit = i;
            }
        }
        if (culprit < 0) {
            return;
        }
        int from = Math.max(0, culprit - 12);
        if (from > 0) {
            b.append("          ... ").append(from).append(" frames\n");
        }
        for (int i = from; i < Math.min(st.length, culprit + 4); i++) {
            b.append("          at ").append(st[i]).append('\n');
        }
    }

    /**
     * The first console frame from the top; else, for a thread found waiting, where it waits (a thread
     * woken but not yet given a CPU still shows its wait); else the first frame outside the JDK.
     */
    static String blame(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith("dev.switchboard.") && !c.startsWith("dev.switchboard.bench.")) {
                return f.toString();
            }
        }
        if (stack.length == 0) {
            return "(no stack)";
        }
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        boolean waiting = top.equals("java.lang.Object.wait") || top.equals("jdk.internal.misc.Unsafe.park");
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return (waiting ? "waiting (for work, a lock, or a CPU) in " : "no console frame; in ") + f;
            }
        }
        return (waiting ? "waiting in " : "no console frame; top ") + stack[0];
    }

    /** What JavaFX was doing: the innermost known frame. */
    static String stage(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String name = f.getClassName() + "." + f.getMethodName();
            for (String[] s : STAGES) {
                if (name.startsWith(s[0])) {
                    return s[1];
                }
            }
        }
        return "other";
    }
}
