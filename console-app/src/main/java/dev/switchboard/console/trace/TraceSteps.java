package dev.switchboard.console.trace;

import dev.switchboard.console.ui.Format;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lays an {@link EventTraceReport} out as {@link TraceStep}s in time order: received, committed,
 * each node's fanout hand-off, then every device by the time of its fate (devices without a time
 * last), each with the time since the step before and since the first. Stateless.
 */
public final class TraceSteps {
    private TraceSteps() {
    }

    public static List<TraceStep> of(EventTraceReport r) {
        List<Draft> drafts = new ArrayList<>();
        if (r.receivedAt() != null) {
            drafts.add(new Draft("Received", "by the gateway", r.receivedAt(), "step-received"));
        }
        String commit = r.commitMs() == null ? "" : "commit " + r.commitMs() + " ms · ";
        drafts.add(new Draft("Committed to the log", commit + "seq " + r.seq() + " · " + r.roomsText(), r.committedAt(),
                "step-committed"));
        for (FanoutHandoff h : r.handoffs()) {
            drafts.add(new Draft("Handed to fanout · " + h.node(), "lag " + Format.millis(h.lagMs()) + " after the commit",
                    h.at(), "step-fanout"));
        }
        List<VerdictRow> devices = new ArrayList<>(r.rows());
        devices.sort(Comparator.comparing(VerdictRow::at, Comparator.nullsLast(Comparator.naturalOrder())));
        for (VerdictRow v : devices) {
            drafts.add(new Draft(v.userId() + " · " + v.deviceLabel() + " — " + v.mark().text(), deviceDetail(v), v.at(),
                    v.mark().styleClass()));
        }
        List<TraceStep> steps = new ArrayList<>(drafts.size());
        Instant first = null;
        Instant previous = null;
        for (Draft d : drafts) {
            Duration sincePrevious = null;
            Duration sinceFirst = null;
            if (d.at != null) {
                if (first == null) {
                    first = d.at;
                }
                sincePrevious = previous == null ? null : Duration.between(previous, d.at);
                sinceFirst = previous == null ? null : Duration.between(first, d.at);
                previous = d.at;
            }
            steps.add(new TraceStep(d.title, d.detail, d.at, sincePrevious, sinceFirst, d.styleClass));
        }
        return steps;
    }

    private static String deviceDetail(VerdictRow v) {
        List<String> parts = new ArrayList<>();
        if (v.at() == null) {
            parts.add("no time recorded");
        }
        if (v.connectionId() != null) {
            parts.add(v.connectionId() + " on " + v.node());
        }
        if (v.via() != null && !"live".equals(v.via()) && !"recovered".equals(v.fate())) {
            parts.add("via " + v.via());
        }
        if (v.injected()) {
            parts.add(FateMark.INJECTED_LABEL);
        }
        if (v.detail() != null) {
            parts.add(v.detail());
        }
        return String.join(" · ", parts);
    }

    private record Draft(String title, String detail, Instant at, String styleClass) {
    }
}
