package dev.switchboard.metrics;

/**
 * A monotonically increasing count: a Micrometer counter under the name it was asked for. Lock-free
 * (a {@code DoubleAdder} underneath); safe from any thread, fine on hot paths.
 */
public final class Counter {
    private final io.micrometer.core.instrument.Counter counter;

    Counter(io.micrometer.core.instrument.Counter counter) {
        this.counter = counter;
    }

    public void inc() {
        counter.increment();
    }

    /** Adds {@code n}; zero and negative amounts are ignored (a counter never goes down). */
    public void add(long n) {
        counter.increment(n);
    }

    public long value() {
        return (long) counter.count();
    }
}
