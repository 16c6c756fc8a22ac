package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.DeliveryDrop;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.MissReason;
import dev.switchboard.model.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's fate for one offset, with the evidence behind it.
 *
 * <p>How the device got it and whether it acked are weighed apart: a device that got it live is
 * {@code delivered}, or {@code acked} once it acked; one that got it only by a replay, over HTTP or by a
 * snapshot it was told to reload stays {@code recovered} (with {@code via} and {@code recoveredAt}) when
 * it acks too, with {@code ackedAt}, so an ack never hides the recovery path. An ack on a device with no known path stays {@code acked}
 * via {@code ack}.
 *
 * @param reason why a {@code missed} device does not have it, else null
 */
record Verdict(DeviceFate fate, Long at, String connectionId, String node, String via, DeliveryDrop drop,
               List<EventTraceInfo.Observation> observations, MissReason reason, Long recoveredAt, Long ackedAt) {

    /** The earliest way the device got the event back after missing it live. */
    private record Recovery(String via, long at, String connectionId, String node) {
    }

    static Verdict of(TraceFacts facts, String user, String device, long offset, long committedAt,
                      Map<String, Long> handedAt, List<TraceFacts.ConnectionRow> connections) {
        List<EventTraceInfo.Observation> seen = new ArrayList<>();
        Verdict live = new Verdict(DeviceFate.MISSED, null, null, null, null, null, seen, null, null, null);
        Recovery recovery = null;
        Long ackedAt = null;
        TraceFacts.MembershipRow ackedOn = null;
        for (TraceFacts.MembershipRow m : facts.memberships) {
            if (!m.userId().equals(user) || !m.deviceId().equals(device)) {
                continue;
            }
            live = better(live, live(facts, m, offset, committedAt, handedAt, seen));
            if (m.recoveredFrom() != null && m.recoveredFrom() < offset && offset <= m.joinHead()) {
                seen.add(observation("replayed on join", m, m.joinedAt(), Json.object()));
                recovery = earlier(recovery, new Recovery("replay", m.joinedAt(), m.connectionId(), m.node()));
            }
            if (m.snapshotRequired() && m.joinHead() >= offset) {
                // Its cursor was too old to replay: the join told it to reload a snapshot, which holds this
                // event. The gateway does not see the reload itself, only that it was told to.
                seen.add(observation("told to reload a snapshot on join", m, m.joinedAt(), Json.object()));
                recovery = earlier(recovery, new Recovery("snapshot", m.joinedAt(), m.connectionId(), m.node()));
            }
            if (m.ackedTo() >= offset) {
                seen.add(observation("acknowledged", m, m.ackedAt(), Json.object().put("ackedTo", m.ackedTo())));
                if (ackedOn == null || m.ackedAt() != null && (ackedAt == null || m.ackedAt() < ackedAt)) {
                    ackedOn = m;
                    ackedAt = m.ackedAt();
                }
            }
        }
        for (TraceFacts.HttpReadRow r : facts.httpReads) {
            if (r.userId().equals(user) && (r.deviceId() == null || r.deviceId().equals(device))) {
                seen.add(new EventTraceInfo.Observation("read over HTTP", null, null, EventTrace.time(r.at()),
                        facts(Json.object().put("deviceKnown", r.deviceId() != null))));
                recovery = earlier(recovery, new Recovery("http", r.at(), null, null));
            }
        }
        if (live.fate == DeviceFate.DELIVERED) {
            return ackedOn == null ? live : new Verdict(DeviceFate.ACKED, live.at, live.connectionId, live.node, live.via,
                    null, seen, null, null, ackedAt);
        }
        if (recovery != null) {
            return new Verdict(DeviceFate.RECOVERED, recovery.at(), recovery.connectionId(), recovery.node(),
                    recovery.via(), null, seen, null, recovery.at(), ackedAt);
        }
        if (ackedOn != null) {
            return new Verdict(DeviceFate.ACKED, null, ackedOn.connectionId(), ackedOn.node(), "ack", null, seen, null,
                    null, ackedAt);
        }
        if (live.fate != DeviceFate.MISSED) {
            return live;
        }
        MissReason why = MissReasons.explain(facts, connections, live, committedAt);
        seen.add(new EventTraceInfo.Observation(MissReasons.what(why), why.connectionId(), null, why.since(),
                facts(MissReasons.facts(why))));
        return new Verdict(live.fate, live.at, live.connectionId, live.node, live.via, live.drop, seen, why, null, null);
    }

    /** What the membership says of live delivery, or null when it was not in the room when the event came. */
    private static Verdict live(TraceFacts facts, TraceFacts.MembershipRow m, long offset, long committedAt,
                                Map<String, Long> handedAt, List<EventTraceInfo.Observation> seen) {
        boolean joinedBefore = m.joinHead() >= 0 ? m.joinHead() < offset : m.joinedAt() <= committedAt;
        boolean inRoomThen = joinedBefore && (m.leftAt() == null || m.leftAt() >= committedAt);
        if (!inRoomThen) {
            return null;
        }
        TraceFacts.DropRow drop = null;
        for (TraceFacts.DropRow d : facts.drops) {
            if (d.connectionId().equals(m.connectionId())) {
                drop = d;
            }
        }
        if (drop != null) {
            DeliveryDrop dn = new DeliveryDrop(drop.reason(), drop.injected(), EventTrace.time(drop.at()));
            seen.add(observation("dropped", m, drop.at(),
                    Json.object().put("reason", drop.reason()).put("injected", drop.injected())));
            return new Verdict(m.leftAt() == null ? DeviceFate.DROPPED : DeviceFate.MISSED, drop.at(), m.connectionId(),
                    m.node(), "live", dn, seen, null, null, null);
        }
        if (m.deliveredTo() >= offset) {
            Long handed = handedAt.get(m.node());
            long at = handed != null ? handed : committedAt;
            seen.add(observation("delivered", m, at, Json.object()));
            return new Verdict(DeviceFate.DELIVERED, at, m.connectionId(), m.node(), "live", null, seen, null, null, null);
        }
        if (m.leftAt() == null) {
            seen.add(observation("not yet sent", m, null, Json.object()));
            return new Verdict(DeviceFate.PENDING, null, m.connectionId(), m.node(), "live", null, seen, null, null, null);
        }
        DeliveryDrop dn = new DeliveryDrop(m.leftReason() == null ? "left" : m.leftReason(), false,
                EventTrace.time(m.leftAt()));
        // The observation says what the record holds: no reason (null) when it was not recorded.
        seen.add(observation("left before it was sent", m, m.leftAt(), Json.object().put("reason", m.leftReason())));
        return new Verdict(DeviceFate.MISSED, m.leftAt(), m.connectionId(), m.node(), "live", dn, seen, null, null, null);
    }

    private static Verdict better(Verdict current, Verdict candidate) {
        if (candidate == null) {
            return current;
        }
        if (candidate.fate.ordinal() < current.fate.ordinal()) {
            return candidate;
        }
        if (candidate.fate == current.fate && current.drop == null && candidate.drop != null) {
            return candidate; // the same fate, with the reason why
        }
        return current;
    }

    private static Recovery earlier(Recovery current, Recovery candidate) {
        return current == null || candidate.at() < current.at() ? candidate : current;
    }

    private static EventTraceInfo.Observation observation(String what, TraceFacts.MembershipRow m, Long at,
                                                          ObjectNode extra) {
        return new EventTraceInfo.Observation(what, m.connectionId(), m.node(), at == null ? null : EventTrace.time(at),
                facts(extra));
    }

    /** An observation's open-ended facts in the order put, a null kept as a null. */
    private static Map<String, JsonNode> facts(ObjectNode extra) {
        Map<String, JsonNode> facts = new LinkedHashMap<>();
        extra.fields().forEachRemaining(f -> facts.put(f.getKey(), f.getValue()));
        return facts;
    }

    EventTraceInfo.DeviceTrace toDevice(String deviceId) {
        return new EventTraceInfo.DeviceTrace(deviceId, fate.wire(), at == null ? null : EventTrace.time(at), connectionId,
                connectionId == null ? null : node, via, drop, null, observations, reason, time(recoveredAt), time(ackedAt));
    }

    private static String time(Long millis) {
        return millis == null ? null : EventTrace.time(millis);
    }
}
