package dev.switchboard.console.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.ui.Format;

/** One row of the gateway's audit log ({@code GET /admin/audit}): who did what to what, when and on which node. */
public record AuditEntry(String at, String node, String admin, String action, String target, String detail) {

    static AuditEntry from(JsonNode e) {
        return new AuditEntry(e.path("at").asText(""), e.path("node").asText(""), e.path("admin").asText(""),
                e.path("action").asText(""), text(e.path("target")), text(e.path("detail")));
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "" : n.asText();
    }

    /** {@code 2026-11-29 10:20:00} local time. */
    public String time() {
        return Format.dateTime(at);
    }
}
