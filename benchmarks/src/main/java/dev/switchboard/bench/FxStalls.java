package dev.switchboard.bench;

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
        long seen;
        long ended;
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
            stalls.add(open);
        }
        open.seen = now;
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
     * Per phase: the stalls, the longest, and the code blamed by most samples; then the full stack of
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
            b.append(String.format("  %s: %d stalls, longest ~%d ms, %d samples; blamed:%n", e.getKey(), list.size(),
                    worst.millis(), samples));
            Map<String, Integer> blamed = new TreeMap<>();
            for (Stall s : list) {
                for (StackTraceElement[] st : s.samples) {
                    blamed.merge(blame(st) + " — " + stage(st), 1, Integer::sum);
                }
            }
            blamed.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(topBlamed)
                    .forEach(x -> b.append(String.format("    %3d × %s%n", x.getValue(), x.getKey())));
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
