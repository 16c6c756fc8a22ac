package dev.switchboard.console.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.DeliveryDrop;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.MissReason;
import dev.switchboard.model.admin.UserTimelineInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the gateway's trace and timeline answers (the shared {@code model.admin} records) into the
 * page's records: times become instants, the trace's tree becomes one verdict row per device, worst
 * first, and an observation's open-ended facts become one line. Lenient: a field the gateway leaves
 * out stays null, 0 or empty. Stateless.
 */
public final class TraceReports {
    private static final DeliveryDrop NO_DROP = new DeliveryDrop(null, false, null);

    private TraceReports() {
    }

    public static EventTraceReport eventTrace(EventTraceInfo trace) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        List<VerdictRow> rows = new ArrayList<>();
        for (EventTraceInfo.RoomTrace room : trace.rooms()) {
            offsets.put(room.room(), room.offset());
            for (EventTraceInfo.Recipient user : room.recipients()) {
                for (EventTraceInfo.DeviceTrace device : user.devices()) {
                    rows.add(verdict(room, user, device));
                }
            }
        }
        rows.sort(Comparator.comparingInt(VerdictRow::severity).thenComparing(VerdictRow::room)
                .thenComparing(VerdictRow::userId).thenComparing(VerdictRow::deviceLabel));
        List<FanoutHandoff> handoffs = trace.handedToFanout().stream()
                .map(h -> new FanoutHandoff(h.node(), Format.instant(h.at()), h.lagMs())).toList();
        EventTraceInfo.FateSummary s = trace.summary() == null
                ? new EventTraceInfo.FateSummary(0, 0, 0, 0, 0, 0) : trace.summary();
        FateCounts summary = new FateCounts(s.acked(), s.delivered(), s.recovered(), s.pending(), s.dropped(), s.missed());
        return new EventTraceReport(trace.eventId(), trace.seq(), trace.type(), trace.resourceId(), trace.version(),
                Format.instant(trace.occurredAt()), Format.instant(trace.receivedAt()), trace.commitMs(),
                Format.instant(trace.committedAt()), offsets, handoffs, rows, summary);
    }

    private static VerdictRow verdict(EventTraceInfo.RoomTrace room, EventTraceInfo.Recipient user,
                                      EventTraceInfo.DeviceTrace d) {
        DeliveryDrop drop = d.drop() == null ? NO_DROP : d.drop();
        List<Observation> observations = d.observations() == null ? List.of()
                : d.observations().stream().map(TraceReports::observation).toList();
        return new VerdictRow(room.room(), room.offset(), user.userId(), user.missed(), d.deviceId(),
                d.fate() == null ? "missed" : d.fate(), d.via(), Format.instant(d.at()), d.connectionId(), d.node(),
                drop.reason(), drop.injected(), Format.instant(drop.at()), d.detail(), observations, reason(d.reason()),
                Format.instant(d.recoveredAt()), Format.instant(d.ackedAt()));
    }

    private static VerdictReason reason(MissReason r) {
        return r == null ? null
                : new VerdictReason(r.code(), Format.instant(r.since()), r.connectionId(), r.closeCode(), r.closeReason());
    }

    /** The facts the gateway adds beyond what, when and where, as {@code reason=injected_drop injected=true}. */
    private static Observation observation(EventTraceInfo.Observation o) {
        StringBuilder facts = new StringBuilder();
        for (Map.Entry<String, JsonNode> f : o.facts().entrySet()) {
            if (f.getValue() != null && !f.getValue().isNull()) {
                facts.append(facts.length() == 0 ? "" : " ").append(f.getKey()).append('=').append(f.getValue().asText());
            }
        }
        return new Observation(o.what(), Format.instant(o.at()), o.connectionId(), o.node(), facts.toString());
    }

    public static UserTimelineReport userTimeline(UserTimelineInfo timeline) {
        List<UserTimelineReport.Device> devices = timeline.devices().stream()
                .map(d -> new UserTimelineReport.Device(d.deviceId(),
                        d.connections().stream().map(TraceReports::connection).toList()))
                .toList();
        List<UserTimelineReport.MissedEvent> missed = timeline.missed().stream()
                .map(m -> new UserTimelineReport.MissedEvent(m.eventId(), m.room(), m.offset(),
                        Format.instant(m.committedAt()), m.devices().stream().map(TraceReports::miss).toList()))
                .toList();
        return new UserTimelineReport(timeline.userId(), Format.instant(timeline.from()), Format.instant(timeline.to()),
                devices, missed);
    }

    private static UserTimelineReport.DeviceMiss miss(UserTimelineInfo.DeviceMiss f) {
        DeliveryDrop drop = f.drop() == null ? NO_DROP : f.drop();
        return new UserTimelineReport.DeviceMiss(f.deviceId(), f.fate() == null ? "missed" : f.fate(), drop.reason(),
                drop.injected(), Format.instant(drop.at()), reason(f.reason()));
    }

    private static UserTimelineReport.Connection connection(UserTimelineInfo.Connection k) {
        List<UserTimelineReport.Join> joins = k.joins().stream()
                .map(j -> new UserTimelineReport.Join(j.room(), Format.instant(j.joinedAt()), j.headAtJoin(),
                        j.recoveredFrom(), j.replayed(), j.snapshotRequired(), j.deliveredTo(), j.ackedTo(),
                        Format.instant(j.leftAt()), j.leftReason()))
                .toList();
        return new UserTimelineReport.Connection(k.connectionId(), k.appVersion(), k.remoteIp(), k.node(),
                Format.instant(k.connectedAt()), Format.instant(k.disconnectedAt()), k.closeCode(), k.closeReason(), joins);
    }
}
