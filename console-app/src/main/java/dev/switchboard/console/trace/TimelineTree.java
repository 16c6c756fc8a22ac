package dev.switchboard.console.trace;

import javafx.scene.control.TreeItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the user timeline's tree: devices (first seen first), their connections (oldest first), and
 * under each connection its joins and its disconnect in time order; everything expanded. The root
 * is a blank item the tree hides. Stateless; the items it returns belong to the JavaFX thread.
 */
public final class TimelineTree {
    private TimelineTree() {
    }

    public static TreeItem<TimelineItem> root(UserTimelineReport t) {
        TreeItem<TimelineItem> root = new TreeItem<>(new TimelineItem(t.userId(), t.from(), "", "", ""));
        root.setExpanded(true);
        List<UserTimelineReport.Device> devices = new ArrayList<>(t.devices());
        devices.sort(Comparator.comparing(UserTimelineReport.Device::firstSeen, Comparator.nullsLast(Comparator.naturalOrder())));
        for (UserTimelineReport.Device d : devices) {
            TreeItem<TimelineItem> device = expanded(TimelineItem.device(d));
            for (UserTimelineReport.Connection k : d.connections()) {
                TreeItem<TimelineItem> connection = expanded(TimelineItem.connection(k));
                for (TimelineItem i : TimelineItem.childrenOf(k)) {
                    connection.getChildren().add(new TreeItem<>(i));
                }
                device.getChildren().add(connection);
            }
            root.getChildren().add(device);
        }
        return root;
    }

    private static TreeItem<TimelineItem> expanded(TimelineItem item) {
        TreeItem<TimelineItem> t = new TreeItem<>(item);
        t.setExpanded(true);
        return t;
    }
}
