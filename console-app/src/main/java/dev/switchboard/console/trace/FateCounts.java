package dev.switchboard.console.trace;

/** The trace's {@code summary}: how many devices ended with each fate. Immutable. */
public record FateCounts(int acked, int delivered, int recovered, int pending, int dropped, int missed) {
    /** {@code 2 acked · 1 delivered · 1 recovered · 0 pending · 0 dropped · 1 missed} */
    public String text() {
        return acked + " acked · " + delivered + " delivered · " + recovered + " recovered · " + pending
                + " pending · " + dropped + " dropped · " + missed + " missed";
    }
}
