package dev.switchboard.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count. Lock-free; safe from any thread. */
public final class Counter implements Metrics.Instrument {
    private final LongAdder value = new LongAdder();

    public void inc() {
        value.increment();
    }

    public void add(long n) {
        value.add(n);
    }

    public long value() {
        return value.sum();
    }

    @Override
    public void render(String name, String labels, StringBuilder out) {
        out.append(Metrics.series(name, labels)).append(' ').append(value.sum()).append('\n');
    }
}
