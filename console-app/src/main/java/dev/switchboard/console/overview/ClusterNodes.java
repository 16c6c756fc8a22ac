package dev.switchboard.console.overview;

import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.NodeList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster card of the overview: every node of the cluster as {@code GET /admin/nodes} lists it
 * (state, connections, version, address, last heartbeat), refreshed with the node card. Shown only
 * when there is more than one node: a single node has nothing to add to the node card. A view model
 * part: javafx-base only.
 *
 * <p>Threads: changed on the UI thread only.
 */
final class ClusterNodes {
    /** One node as the card lists it; {@code self} is the node the console talks to. */
    record Row(String node, String state, Tone tone, int connections, String version, String address,
               String heartbeat, boolean self) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty cluster = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");

    ObservableList<Row> rows() {
        return rows;
    }

    /** True once the gateway lists more than one node. */
    ReadOnlyBooleanProperty clusterProperty() {
        return cluster;
    }

    /** "3 nodes: 2 ready, 1 dead". */
    ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** Why the last list could not be read ("" when it was). */
    ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** The gateway's answer at {@code nowMillis} (the console's clock: heartbeats are shown as "n s ago"). */
    void apply(NodeList list, long nowMillis) {
        problem.set("");
        List<Row> next = new ArrayList<>(list.nodes().size());
        Map<String, Integer> byState = new TreeMap<>();
        for (NodeList.Node n : list.nodes()) {
            next.add(new Row(n.node(), label(n.state()), tone(n.state()), n.connections(), n.version(), n.httpUrl(),
                    ago(nowMillis - n.lastHeartbeat()), n.node().equals(list.self())));
            byState.merge(label(n.state()).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        rows.setAll(next);
        cluster.set(next.size() > 1);
        StringBuilder s = new StringBuilder(next.size() + (next.size() == 1 ? " node" : " nodes"));
        String sep = ": ";
        for (Map.Entry<String, Integer> e : byState.entrySet()) {
            s.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        summary.set(s.toString());
    }

    /** The list could not be read: the rows stay as last read, marked as such. */
    void failed(String why) {
        problem.set("Nodes not refreshed: " + why);
    }

    static String label(String state) {
        return switch (state) {
            case "ready" -> "Ready";
            case "degraded" -> "Degraded";
            case "draining" -> "Draining";
            case "not_ready" -> "Not ready";
            case "stopped" -> "Stopped";
            case "dead" -> "Dead";
            default -> state;
        };
    }

    static Tone tone(String state) {
        return switch (state) {
            case "ready" -> Tone.GOOD;
            case "degraded", "draining" -> Tone.WARNING;
            case "dead", "not_ready" -> Tone.BAD;
            default -> Tone.NEUTRAL;
        };
    }

    private static String ago(long millis) {
        return millis < 1_000 ? "just now" : Format.duration(Duration.ofMillis(millis)) + " ago";
    }
}
