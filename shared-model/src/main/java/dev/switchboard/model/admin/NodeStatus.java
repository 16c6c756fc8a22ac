package dev.switchboard.model.admin;

/**
 * {@code GET /admin/node}, and {@code GET /admin/stats} with {@link #stats} filled in.
 *
 * @param startedAt ISO-8601 UTC
 * @param stats     only in {@code /admin/stats}; null in {@code /admin/node}
 */
public record NodeStatus(String node, String version, String startedAt, long uptimeSeconds, boolean draining,
                         EventLogStatus eventLog, Listeners listeners, WebSockets webSockets, Stats stats) {

    public NodeStatus withStats(Stats s) {
        return new NodeStatus(node, version, startedAt, uptimeSeconds, draining, eventLog, listeners, webSockets, s);
    }

    /** @param store {@code h2} or {@code postgresql} */
    public record EventLogStatus(String store, String epoch, boolean healthy, long queueDepth) {
    }

    /** @param wsPort the bound port, also when configured as 0 */
    public record Listeners(String httpHost, int httpPort, int wsPort) {
    }

    public record WebSockets(long connections) {
    }

    public record Stats(long connections, long rooms, long backlogBytes, boolean deliveryOverloaded) {
    }
}
