package dev.switchboard.console.overview;

import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.NodeStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * The node cards of the overview: who the node is ({@code GET /admin/node}, refreshed every 5 s while
 * the page is shown) and how it is doing right now (the admin stream's stats, every second). The
 * uptime ticks with the stats frames: the gateway's clock minus its start, both from the gateway, so
 * the console's clock does not matter. A view model part: javafx-base only.
 *
 * <p>Threads: changed on the UI thread only.
 */
final class NodeHealth {
    private final StringProperty node = new SimpleStringProperty("");
    private final StringProperty version = new SimpleStringProperty("—");
    private final LongProperty uptimeSeconds = new SimpleLongProperty(-1);
    private final StringProperty uptime = new SimpleStringProperty("—");
    private final BooleanProperty draining = new SimpleBooleanProperty();
    private final StringProperty state = new SimpleStringProperty("—");
    private final ObjectProperty<Tone> stateTone = new SimpleObjectProperty<>(Tone.NEUTRAL);
    private final StringProperty store = new SimpleStringProperty("—");
    private final StringProperty health = new SimpleStringProperty("—");
    private final ObjectProperty<Tone> healthTone = new SimpleObjectProperty<>(Tone.NEUTRAL);
    private final StringProperty epoch = new SimpleStringProperty("—");
    private final LongProperty queueDepth = new SimpleLongProperty();
    private final StringProperty wsPort = new SimpleStringProperty("—");
    private final LongProperty connections = new SimpleLongProperty();
    private final LongProperty rooms = new SimpleLongProperty();
    private final StringProperty overloaded = new SimpleStringProperty("—");
    private final ObjectProperty<Tone> overloadedTone = new SimpleObjectProperty<>(Tone.NEUTRAL);
    private final LongProperty backlogBytes = new SimpleLongProperty();
    private final LongProperty fanoutBacklog = new SimpleLongProperty();
    private final StringProperty checked = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private long startedAtMillis = -1;
    /** What the last stats said is degraded ("" when nothing). */
    private String degraded = "";

    /** @param node the node's name as the link learnt it when it connected ("" if unknown) */
    NodeHealth(String node) {
        this.node.set(node);
    }

    // ---- properties -----------------------------------------------------------------------------

    ReadOnlyStringProperty nodeProperty() {
        return node;
    }

    ReadOnlyStringProperty versionProperty() {
        return version;
    }

    ReadOnlyLongProperty uptimeSecondsProperty() {
        return uptimeSeconds;
    }

    ReadOnlyStringProperty uptimeProperty() {
        return uptime;
    }

    ReadOnlyBooleanProperty drainingProperty() {
        return draining;
    }

    /** "Ready" or "Draining". */
    ReadOnlyStringProperty stateProperty() {
        return state;
    }

    ReadOnlyObjectProperty<Tone> stateToneProperty() {
        return stateTone;
    }

    /** "H2 (embedded)" or "PostgreSQL". */
    ReadOnlyStringProperty storeProperty() {
        return store;
    }

    /** "Healthy" or "Unhealthy". */
    ReadOnlyStringProperty healthProperty() {
        return health;
    }

    ReadOnlyObjectProperty<Tone> healthToneProperty() {
        return healthTone;
    }

    ReadOnlyStringProperty epochProperty() {
        return epoch;
    }

    /** Events accepted and not yet written to the log. */
    ReadOnlyLongProperty queueDepthProperty() {
        return queueDepth;
    }

    ReadOnlyStringProperty wsPortProperty() {
        return wsPort;
    }

    ReadOnlyLongProperty connectionsProperty() {
        return connections;
    }

    ReadOnlyLongProperty roomsProperty() {
        return rooms;
    }

    /** "No" or "Yes — publishes refused". */
    ReadOnlyStringProperty overloadedProperty() {
        return overloaded;
    }

    ReadOnlyObjectProperty<Tone> overloadedToneProperty() {
        return overloadedTone;
    }

    ReadOnlyLongProperty backlogBytesProperty() {
        return backlogBytes;
    }

    ReadOnlyLongProperty fanoutBacklogProperty() {
        return fanoutBacklog;
    }

    /** "Checked 10:01:02.003": when {@code /admin/node} last answered. */
    ReadOnlyStringProperty checkedProperty() {
        return checked;
    }

    /** Why the last {@code /admin/node} failed, or "". */
    ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    // ---- changes --------------------------------------------------------------------------------

    /** A {@code GET /admin/node} answer, received at {@code nowMillis} (the console's clock). */
    void applyNode(NodeStatus n, long nowMillis) {
        node.set(n.node() == null ? "" : n.node());
        version.set(n.version() == null ? "—" : n.version());
        Instant started = Format.instant(n.startedAt());
        startedAtMillis = started == null ? -1 : started.toEpochMilli();
        setUptime(n.uptimeSeconds());
        setDraining(n.draining());
        NodeStatus.EventLogStatus log = n.eventLog();
        store.set(storeName(log == null || log.store() == null ? "" : log.store()));
        boolean healthy = log != null && log.healthy();
        health.set(healthy ? "Healthy" : "Unhealthy");
        healthTone.set(healthy ? Tone.GOOD : Tone.BAD);
        epoch.set(log == null || log.epoch() == null ? "—" : log.epoch());
        queueDepth.set(log == null ? 0 : log.queueDepth());
        int port = n.listeners() == null ? 0 : n.listeners().wsPort();
        wsPort.set(port > 0 ? Integer.toString(port) : "—");
        connections.set(n.webSockets() == null ? 0 : n.webSockets().connections());
        checked.set("Checked " + Format.clock(nowMillis));
        problem.set("");
    }

    /** {@code /admin/node} failed; the figures stay as they were, marked stale by {@code why}. */
    void failed(String why) {
        problem.set("Node details not refreshed: " + why);
    }

    /** A stats frame of the admin stream (or a snapshot's): the live figures. */
    void applyStats(StatsFrame f) {
        if (!f.node().isEmpty()) {
            node.set(f.node());
        }
        connections.set(f.connections());
        rooms.set(f.rooms());
        backlogBytes.set(f.backlogBytes());
        fanoutBacklog.set(f.fanoutBacklog());
        overloaded.set(f.deliveryOverloaded() ? "Yes — publishes refused" : "No");
        overloadedTone.set(f.deliveryOverloaded() ? Tone.BAD : Tone.GOOD);
        degraded = String.join("; ", f.degraded());
        setDraining(f.draining());
        if (f.at() > 0 && startedAtMillis > 0) {
            setUptime((f.at() - startedAtMillis) / 1000);
        }
    }

    /** The gateway accepted a drain. */
    void drainStarted() {
        setDraining(true);
    }

    /** Draining wins; then degraded (serving, something works less well: e.g. Redis away); else ready. */
    private void setDraining(boolean d) {
        draining.set(d);
        state.set(d ? "Draining" : !degraded.isEmpty() ? "Degraded — " + degraded : "Ready");
        stateTone.set(d || !degraded.isEmpty() ? Tone.WARNING : Tone.GOOD);
    }

    private void setUptime(long seconds) {
        uptimeSeconds.set(seconds);
        uptime.set(seconds < 0 ? "—" : Format.duration(Duration.ofSeconds(seconds)));
    }

    private static String storeName(String store) {
        switch (store) {
            case "h2":
                return "H2 (embedded)";
            case "postgresql":
                return "PostgreSQL";
            default:
                return store.isEmpty() ? "—" : store;
        }
    }
}
