package dev.switchboard.console.connections;

import dev.switchboard.console.ui.Format;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of the connections table. Who and where never change for a connection; its rooms, their
 * progress and its outgoing buffer do, and are updated in place so that the table keeps its
 * selection and scroll position while its page refreshes every second.
 *
 * <p>Threads: created and changed on the UI thread only.
 */
public final class ConnectionRow {
    private final String connectionId;
    private final String userId;
    private final String deviceId;
    private final String appVersion;
    private final String remoteIp;
    private final String node;
    private final Instant connectedAt;

    private final ObjectProperty<List<RoomProgress>> rooms = new SimpleObjectProperty<>(this, "rooms", List.of());
    private final ObjectProperty<RoomProgress> worst = new SimpleObjectProperty<>(this, "worst");
    private final StringProperty roomsText = new SimpleStringProperty(this, "roomsText", "");
    private final StringProperty figuresText = new SimpleStringProperty(this, "figuresText", "0");
    // Plain fields: nothing binds to them.
    private long unsent;
    private long unacked;
    private final BooleanProperty lagging = new SimpleBooleanProperty(this, "lagging");
    private final LongProperty backlogBytes = new SimpleLongProperty(this, "backlogBytes");
    private final StringProperty since = new SimpleStringProperty(this, "since", "");

    public ConnectionRow(String connectionId, String userId, String deviceId, String appVersion, String remoteIp,
                         String node, Instant connectedAt) {
        this.connectionId = connectionId;
        this.userId = userId;
        this.deviceId = deviceId;
        this.appVersion = appVersion;
        this.remoteIp = remoteIp;
        this.node = node;
        this.connectedAt = connectedAt;
    }

    // ---- properties ----------------------------------------------------------------------------

    public String connectionId() {
        return connectionId;
    }

    public String userId() {
        return userId;
    }

    public String deviceId() {
        return deviceId;
    }

    public String appVersion() {
        return appVersion;
    }

    public String remoteIp() {
        return remoteIp;
    }

    public String node() {
        return node;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public ReadOnlyObjectProperty<List<RoomProgress>> roomsProperty() {
        return rooms;
    }

    public List<RoomProgress> rooms() {
        return rooms.get();
    }

    /** The room the row's offset columns show: the one furthest behind; null without rooms. */
    public ReadOnlyObjectProperty<RoomProgress> worstProperty() {
        return worst;
    }

    /** {@code 2 · user:alice, document:7} */
    public ReadOnlyStringProperty roomsTextProperty() {
        return roomsText;
    }

    /**
     * The figures of the room furthest behind, with the room named so the row never passes one room's
     * numbers off as the connection's: {@code 0}, {@code 0 · 12 in document:7}, or
     * {@code 3 · 12 in document:7 +1} when one more room is behind too.
     */
    public ReadOnlyStringProperty figuresTextProperty() {
        return figuresText;
    }

    /** The largest {@code unsent} over the connection's rooms. */
    public long unsent() {
        return unsent;
    }

    /** The largest {@code unacked} over the connection's rooms. */
    public long unacked() {
        return unacked;
    }

    public ReadOnlyBooleanProperty laggingProperty() {
        return lagging;
    }

    public boolean lagging() {
        return lagging.get();
    }

    public ReadOnlyLongProperty backlogBytesProperty() {
        return backlogBytes;
    }

    public long backlogBytes() {
        return backlogBytes.get();
    }

    /** {@code 10:01:02 · 4 min 5 s}: connected at (local time) and for how long, as of the last update. */
    public ReadOnlyStringProperty sinceProperty() {
        return since;
    }

    // ---- updates (UI thread) -------------------------------------------------------------------

    private LocalDate clockDay;
    private String clockText;

    void setRooms(List<RoomProgress> list) {
        RoomProgress w = null;
        long maxUnsent = 0;
        long maxUnacked = 0;
        int roomsBehind = 0;
        boolean behind = false;
        for (RoomProgress p : list) {
            w = RoomProgress.worse(w, p);
            maxUnsent = Math.max(maxUnsent, p.unsent());
            maxUnacked = Math.max(maxUnacked, p.unacked());
            roomsBehind += p.behind() ? 1 : 0;
            behind |= p.lagging();
        }
        if (!list.equals(rooms.get())) {
            rooms.set(List.copyOf(list));
            roomsText.set(list.isEmpty() ? "0" : list.size() + " · " + list.stream().map(RoomProgress::room)
                    .sorted(Comparator.comparing((String r) -> r.startsWith("user:")).thenComparing(r -> r))
                    .collect(Collectors.joining(", ")));
        }
        if (!Objects.equals(worst.get(), w)) {
            worst.set(w); // a new but equal record would still redraw the cell
        }
        unsent = maxUnsent;
        unacked = maxUnacked;
        figuresText.set(figuresText(w, roomsBehind));
        lagging.set(behind);
    }

    private static String figuresText(RoomProgress worst, int roomsBehind) {
        if (worst == null || !worst.behind()) {
            return "0";
        }
        String text = Format.count(worst.unsent()) + " · " + Format.count(worst.unacked()) + " in " + worst.room();
        return roomsBehind > 1 ? text + " +" + (roomsBehind - 1) : text;
    }

    void setBacklogBytes(long bytes) {
        backlogBytes.set(Math.max(0, bytes)); // the gateway's count can dip below 0 (control frames written)
    }

    void tick(Instant now) {
        if (connectedAt == null) {
            since.set("");
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneId.systemDefault());
        if (!today.equals(clockDay)) {
            // formatted once a day, not on every refresh of every row
            clockDay = today;
            clockText = clockOrDate(connectedAt, now);
        }
        since.set(clockText + " · " + Format.duration(Duration.between(connectedAt, now)));
    }

    /** Today's connections by their time, older ones with their date. */
    private static String clockOrDate(Instant at, Instant now) {
        String full = Format.dateTime(at);
        ZoneId zone = ZoneId.systemDefault();
        boolean today = LocalDate.ofInstant(at, zone).equals(LocalDate.ofInstant(now, zone));
        return today ? full.substring(full.indexOf(' ') + 1) : full;
    }

    @Override
    public String toString() {
        return connectionId + " " + userId + "/" + deviceId;
    }
}
