package dev.switchboard.model.admin;

import java.util.List;

/** {@code GET /admin/faults}: the faults in force on this node. */
public record FaultList(List<FaultInfo> faults) {
    public FaultList {
        faults = faults == null ? List.of() : List.copyOf(faults);
    }
}
