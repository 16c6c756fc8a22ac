package dev.switchboard.console.audit;

import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.AuditTrail;

/** One row of the gateway's audit log ({@code GET /admin/audit}): who did what to what, when and on which node. */
public record AuditEntry(String at, String node, String admin, String action, String target, String detail) {

    static AuditEntry from(AuditTrail.Entry e) {
        return new AuditEntry(text(e.at()), text(e.node()), text(e.admin()), text(e.action()), text(e.target()),
                text(e.detail()));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** {@code 2026-11-29 10:20:00} local time. */
    public String time() {
        return Format.dateTime(at);
    }
}
