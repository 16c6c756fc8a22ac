package dev.switchboard.model.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** {@code GET /admin/audit}: the newest audit entries first. */
public record AuditTrail(List<Entry> entries) {
    public AuditTrail {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * @param action {@code disconnect}, {@code redeliver}, {@code drain}, {@code fault.inject}, {@code fault.clear},
     *               {@code acl.grant}, {@code acl.revoke} (target {@code room:<room>}, detail the user id)
     * @param detail what the action carried (a redelivery's range, a fault's body), or null (written as null)
     */
    public record Entry(String at, String node, String admin, String action, String target,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String detail) {
    }
}
