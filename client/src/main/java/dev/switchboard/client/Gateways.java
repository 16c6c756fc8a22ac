package dev.switchboard.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The gateway nodes a client may use, and the one it uses now. Every node of a cluster serves the
 * same log with the same epoch, so a client that loses its node (it died, it drains, it cannot be
 * reached) connects to the next one and recovers with the cursors it holds; no snapshot is needed.
 * With one node it is that node, always.
 *
 * <p>Threads: moved on the client's serial executor; read there and by HTTP recovery calls made there.
 */
final class Gateways {
    /** One node: its WebSocket URL and its HTTP base URL. */
    record Node(String wsUrl, String httpUrl) {
    }

    private final List<Node> nodes;
    private volatile int current;

    Gateways(List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no gateway URL");
        }
        this.nodes = List.copyOf(new ArrayList<>(nodes));
    }

    Node current() {
        return nodes.get(current);
    }

    /** Moves to the next node (round robin), after the current one was lost; the one left for one node. */
    Node next() {
        current = (current + 1) % nodes.size();
        return nodes.get(current);
    }

    int size() {
        return nodes.size();
    }
}
