package dev.switchboard.console.overview;

/**
 * Why something went wrong, as the stats frame counts it: {@code kind} is {@code failure} (a delivery
 * that did not happen: slow_consumer, dead_connection, injected_drop), {@code error} (an error frame
 * sent to a client, by code) or {@code refused} (a WebSocket upgrade refused, by reason).
 */
record Reason(String kind, String name) implements Comparable<Reason> {
    static final String FAILURE = "failure";
    static final String ERROR = "error";
    static final String REFUSED = "refused";

    /** {@code slow_consumer (failure)}: the legend's and the table's name. */
    String label() {
        return name + " (" + kind + ")";
    }

    @Override
    public int compareTo(Reason o) {
        int byKind = kind.compareTo(o.kind);
        return byKind != 0 ? byKind : name.compareTo(o.name);
    }
}
