package dev.switchboard.bench;

/** The event every peer carries in the side-by-side benchmark: the same JSON, numbered by {@code bseq}. */
final class BenchEvent {
    static final byte[] SEQ = JsonBytes.key("bseq");

    private BenchEvent() {
    }

    /** The payload of event {@code seq}; its resource cycles over {@code resources}. */
    static String payload(long seq, int resources) {
        return "{\"bseq\":" + seq + ",\"resource\":\"r-" + seq % resources + "\",\"t\":" + System.nanoTime() + "}";
    }

    /** The benchmark number in {@code a[off, end)}, or -1. */
    static long seq(byte[] a, int off, int end) {
        long s = JsonBytes.longField(a, off, end, SEQ);
        return s == Long.MIN_VALUE ? -1 : s;
    }
}
