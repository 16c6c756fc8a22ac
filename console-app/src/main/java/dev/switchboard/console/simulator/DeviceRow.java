package dev.switchboard.console.simulator;

import dev.switchboard.client.ClientCounters;
import dev.switchboard.console.ui.Format;
import dev.switchboard.simulator.report.DeviceReport;
import dev.switchboard.simulator.run.DeviceStatus;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One simulated device in the live table. A row lives as long as its run and is updated in place from
 * each {@link DeviceStatus} snapshot, so the user's selection (the device chaos goes to) and the table's
 * sort survive every refresh.
 *
 * <p>Threads: created and updated on the UI thread only (by {@link SimulatorViewModel}).
 */
public final class DeviceRow {
    private final String device;
    private final String user;
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rooms = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper versions = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper applied = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<ClientCounters> counters = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper ignored = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper gaps = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper recovered = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper reconnects = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper failures = new ReadOnlyIntegerWrapper();

    DeviceRow(DeviceStatus status) {
        this.device = status.device();
        this.user = status.user();
        update(status);
    }

    /** The device as it stands now. */
    void update(DeviceStatus s) {
        state.set(s.state());
        connection.set(s.connectionId() == null ? "" : s.connectionId());
        rooms.set(rooms(s.rooms()));
        versions.set(versions(s.rooms()));
        counters(s.counters());
        failures.set(s.failures());
    }

    /** The device as the report saw it at the verdict (before the run closed its client). */
    void finish(DeviceReport r) {
        state.set(r.state());
        counters(r.counters());
        failures.set(r.failures());
    }

    private void counters(ClientCounters c) {
        counters.set(c);
        applied.set(c.eventsApplied());
        ignored.set(Format.count(c.duplicatesIgnored()) + " · " + Format.count(c.staleIgnored()));
        gaps.set(c.gapsDetected());
        recovered.set(Format.count(c.replayedEvents()) + " · " + Format.count(c.httpRecoveries()) + " · "
                + Format.count(c.snapshots()));
        reconnects.set(c.reconnects());
    }

    /** {@code doc:shared@41 · user:alice@12 (syncing)}: each room with the last offset applied. */
    static String rooms(List<DeviceStatus.RoomStatus> rooms) {
        return rooms.stream().map(r -> r.room() + "@" + r.offset() + (r.syncing() ? " (syncing)" : ""))
                .collect(Collectors.joining(" · "));
    }

    /** {@code 8 · v12}: resources held over every room, and the highest version among them. */
    static String versions(List<DeviceStatus.RoomStatus> rooms) {
        int held = rooms.stream().mapToInt(DeviceStatus.RoomStatus::resources).sum();
        long max = rooms.stream().flatMap(r -> r.versions().values().stream()).mapToLong(Long::longValue).max().orElse(0);
        return held == 0 ? "0" : held + " · v" + max;
    }

    public String device() {
        return device;
    }

    public String user() {
        return user;
    }

    /** The SDK's {@code ConnectionState} name. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty roomsProperty() {
        return rooms.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionsProperty() {
        return versions.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** Every SDK counter as last seen. */
    public ReadOnlyObjectProperty<ClientCounters> countersProperty() {
        return counters.getReadOnlyProperty();
    }

    /** {@code 3 · 0}: duplicates ignored · stale versions ignored. */
    public ReadOnlyStringProperty ignoredProperty() {
        return ignored.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty gapsProperty() {
        return gaps.getReadOnlyProperty();
    }

    /** {@code 29 · 1 · 0}: events replayed · HTTP recoveries · snapshots. */
    public ReadOnlyStringProperty recoveredProperty() {
        return recovered.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty reconnectsProperty() {
        return reconnects.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failuresProperty() {
        return failures.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return device + " " + state.get();
    }
}
