package dev.switchboard.console.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a user's timeline, as the tree and the plain text show it: a device, a connection (its
 * connect), a join of a room (with its recovery and progress), a leave, or a disconnect. {@code at} is
 * when it happened (null when unknown), {@code room} is blank except for joins, {@code styleClass}
 * marks lines worth a look ({@code fate-recovered} for a recovery, {@code state-warn} for a snapshot
 * or an abnormal close) or is blank. Immutable.
 */
public record TimelineItem(String what, Instant at, String room, String detail, String styleClass) {

    public static TimelineItem device(UserTimelineReport.Device d) {
        int n = d.connections().size();
        return new TimelineItem(d.deviceId(), d.firstSeen(), "", n + (n == 1 ? " connection" : " connections"), "");
    }

    public static TimelineItem connection(UserTimelineReport.Connection k) {
        List<String> parts = new ArrayList<>();
        parts.add("app " + orDash(k.appVersion()));
        parts.add("IP " + orDash(k.remoteIp()));
        parts.add("node " + orDash(k.node()));
        if (k.disconnectedAt() == null) {
            parts.add("still open");
        }
        return new TimelineItem("connected " + k.connectionId(), k.connectedAt(), "", String.join(" · ", parts), "");
    }

    /** The connection's joins, leaves and its disconnect, in time order. */
    public static List<TimelineItem> childrenOf(UserTimelineReport.Connection k) {
        List<TimelineItem> out = new ArrayList<>();
        for (UserTimelineReport.Join j : k.joins()) {
            out.add(join(j));
            if (j.leftAt() != null) {
                out.add(new TimelineItem("left", j.leftAt(), j.room(), "reason " + orDash(j.leftReason()), ""));
            }
        }
        if (k.disconnectedAt() != null) {
            boolean normal = k.closeCode() == null || k.closeCode() == 1000 || k.closeCode() == 1001;
            String reason = k.closeReason() == null || k.closeReason().isBlank() ? "" : " · " + k.closeReason();
            out.add(new TimelineItem("disconnected", k.disconnectedAt(), "", "code " + orDash(k.closeCode()) + reason,
                    normal ? "" : "state-warn"));
        }
        out.sort(Comparator.comparing(TimelineItem::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    static TimelineItem join(UserTimelineReport.Join j) {
        List<String> parts = new ArrayList<>();
        if (j.headAtJoin() != null) {
            parts.add("head " + j.headAtJoin());
        }
        if (j.recoveredFrom() != null) {
            parts.add("recovered from " + j.recoveredFrom() + " (" + j.replayed() + " replayed)");
        }
        if (j.snapshotRequired()) {
            parts.add("snapshot required");
        }
        parts.add("delivered to " + j.deliveredTo());
        parts.add("acked to " + j.ackedTo());
        String style = j.snapshotRequired() ? "state-warn" : j.recoveredFrom() != null ? "fate-recovered" : "";
        return new TimelineItem("joined", j.joinedAt(), j.room(), String.join(" · ", parts), style);
    }

    private static String orDash(Object o) {
        return o == null || o.toString().isBlank() ? "—" : o.toString();
    }
}
