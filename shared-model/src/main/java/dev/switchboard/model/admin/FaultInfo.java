package dev.switchboard.model.admin;

import java.util.List;

/**
 * An injected fault: in {@code GET /admin/faults}, and the answer to {@code POST /admin/faults}
 * ({@code connections} then lists the connections it acts on). A {@code cut} has no id and no expiry.
 * {@code count}, {@code delayMs} and {@code window} are there only for the kinds that take them.
 *
 * @param target {@code connection:<id>} or {@code user:<id>}
 */
public record FaultInfo(String faultId, String kind, String target, Integer count, Long delayMs, Integer window,
                        String expiresAt, String createdBy, List<String> connections) {
}
