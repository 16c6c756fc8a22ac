package dev.switchboard.simulator.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Failures collected from many threads: every one is counted, the first {@value #KEEP} are kept for
 * the report (a broken client can fail thousands of times; the first ones say why).
 */
public final class Failures {
    public static final int KEEP = 500;

    private final List<Failure> kept = new ArrayList<>();
    private final Map<Assertion, Integer> counts = new EnumMap<>(Assertion.class);
    private final Map<String, Integer> byDevice = new HashMap<>();
    private int total;

    public synchronized void add(Failure f) {
        total++;
        counts.merge(f.assertion(), 1, Integer::sum);
        if (f.device() != null) {
            byDevice.merge(f.device(), 1, Integer::sum);
        }
        if (kept.size() < KEEP) {
            kept.add(f);
        }
    }

    public synchronized void addAll(List<Failure> fs) {
        fs.forEach(this::add);
    }

    public synchronized List<Failure> kept() {
        return List.copyOf(kept);
    }

    public synchronized int total() {
        return total;
    }

    /** Every failure of a device, kept or not. */
    public synchronized int total(String device) {
        return byDevice.getOrDefault(device, 0);
    }

    public synchronized Map<Assertion, Integer> counts() {
        return new EnumMap<>(counts);
    }
}
