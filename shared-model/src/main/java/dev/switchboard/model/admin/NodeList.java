package dev.switchboard.model.admin;

import java.util.List;

/**
 * {@code GET /admin/nodes}: every node of the cluster as the shared database's heartbeats describe it
 * (one row, the node itself, on a log it writes alone).
 *
 * @param self        the node that answered
 * @param deadAfterMs how long a node may miss heartbeats before it is listed {@code dead}
 */
public record NodeList(String self, long deadAfterMs, List<Node> nodes) {
    public NodeList {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /**
     * @param state         ready, draining, degraded, not_ready, stopped or dead
     * @param startedAt     epoch milliseconds
     * @param lastHeartbeat epoch milliseconds
     */
    public record Node(String node, String httpUrl, String wsUrl, String version, String state, int connections,
                       long startedAt, long lastHeartbeat) {
    }
}
