package dev.switchboard.console.faults;

import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.FaultInfo;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One fault in force, as a row of the Faults table: what it does and to whom, who injected it, when it
 * ends (counting down) and the connections it acts on now. The row is updated in place by each read
 * and each countdown tick, so the table keeps its rows and selection.
 *
 * <p>Threads: created and changed on the UI thread only.
 */
public final class FaultRow {
    private final String faultId;
    private final String kind;
    private final String target;
    private final String parameters;
    private final String createdBy;
    private final Instant expiresAt;
    private final ReadOnlyStringWrapper expiresIn = new ReadOnlyStringWrapper(this, "expiresIn", "");
    private final ReadOnlyStringWrapper connections = new ReadOnlyStringWrapper(this, "connections", "");

    FaultRow(FaultInfo f) {
        this.faultId = f.faultId();
        this.kind = text(f.kind());
        this.target = text(f.target());
        this.parameters = parameters(f);
        this.createdBy = text(f.createdBy());
        this.expiresAt = Format.instant(f.expiresAt());
        update(f);
    }

    public String faultId() {
        return faultId;
    }

    /** {@code drop}, {@code delay}, {@code duplicate}, {@code reorder}, {@code pause}. */
    public String kind() {
        return kind;
    }

    /** {@code user:zoe} or {@code connection:c1x9k2m4}. */
    public String target() {
        return target;
    }

    /** {@code count 2}, {@code 500 ms late}, {@code window 4}, or "" for the kinds that take none. */
    public String parameters() {
        return parameters;
    }

    public String createdBy() {
        return createdBy;
    }

    /** {@code 42 s}, {@code 1 min 5 s}, {@code ending…} once its time is up (until the next read drops it). */
    public ReadOnlyStringProperty expiresInProperty() {
        return expiresIn.getReadOnlyProperty();
    }

    /** {@code 2: c1x9k2m4, c7p2q0}, or {@code none open} (a user fault still catches the user's next connection). */
    public ReadOnlyStringProperty connectionsProperty() {
        return connections.getReadOnlyProperty();
    }

    /** A read of the same fault: the connections it acts on may have changed. */
    void update(FaultInfo f) {
        List<String> ids = f.connections() == null ? List.of() : f.connections();
        connections.set(ids.isEmpty() ? "none open" : ids.size() + ": " + String.join(", ", ids));
    }

    void countDown(Instant now) {
        if (expiresAt == null) {
            expiresIn.set("");
            return;
        }
        Duration left = Duration.between(now, expiresAt);
        expiresIn.set(left.isNegative() || left.isZero() ? "ending…" : Format.duration(left.plusMillis(999)));
    }

    private static String parameters(FaultInfo f) {
        if (f.count() != null) {
            return "count " + f.count();
        }
        if (f.delayMs() != null) {
            return f.delayMs() + " ms late";
        }
        if (f.window() != null) {
            return "window " + f.window();
        }
        return "";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
