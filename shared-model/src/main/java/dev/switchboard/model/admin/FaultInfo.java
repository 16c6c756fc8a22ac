package dev.switchboard.model.admin;

import java.util.List;

/**
 * An injected fault: in {@code GET /admin/faults}, and the answer to {@code POST /admin/faults}
 * ({@code connections} then lists the connections it acts on). A {@code cut} has no id and no expiry.
 * {@code count}, {@code delayMs} and {@code window} are there only for the kinds that take them.
 *
 * @param target      {@code connection:<id>} or {@code user:<id>}
 * @param forwardedTo on a cluster, the node a connection's fault was handed to (it holds the connection;
 *                    {@code 202}); null otherwise
 */
public record FaultInfo(String faultId, String kind, String target, Integer count, Long delayMs, Integer window,
                        String expiresAt, String createdBy, List<String> connections, String forwardedTo) {

    public FaultInfo(String faultId, String kind, String target, Integer count, Long delayMs, Integer window,
                     String expiresAt, String createdBy, List<String> connections) {
        this(faultId, kind, target, count, delayMs, window, expiresAt, createdBy, connections, null);
    }

    /** What a node answers when it handed a connection's fault to {@code node}. */
    public static FaultInfo forwarded(String faultId, String kind, String connectionId, String node) {
        return new FaultInfo(faultId, kind, "connection:" + connectionId, null, null, null, null, null, List.of(), node);
    }
}
