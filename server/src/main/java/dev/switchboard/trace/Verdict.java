package dev.switchboard.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.DeliveryDrop;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One device's fate for one offset, with the evidence behind it. */
record Verdict(DeviceFate fate, Long at, String connectionId, String node, String via, DeliveryDrop drop,
               List<EventTraceInfo.Observation> observations) {

    static Verdict of(TraceFacts facts, String user, String device, long offset, long committedAt, Map<String, Long> handedAt) {
        Verdict best = new Verdict(DeviceFate.MISSED, null, null, null, null, null, new ArrayList<>());
        List<EventTraceInfo.Observation> seen = best.observations;
        for (TraceFacts.MembershipRow m : facts.memberships) {
            if (!m.userId().equals(user) || !m.deviceId().equals(device)) {
                continue;
            }
            boolean joinedBefore = m.joinHead() >= 0 ? m.joinHead() < offset : m.joinedAt() <= committedAt;
            boolean inRoomThen = joinedBefore && (m.leftAt() == null || m.leftAt() >= committedAt);
            TraceFacts.DropRow drop = null;
            for (TraceFacts.DropRow d : facts.drops) {
                if (d.connectionId().equals(m.connectionId())) {
                    drop = d;
                }
            }
            Long handed = handedAt.get(m.node());
            if (inRoomThen && drop != null) {
                DeliveryDrop dn = new DeliveryDrop(drop.reason(), drop.injected(), EventTrace.time(drop.at()));
                seen.add(observation("dropped", m, drop.at(),
                        Json.object().put("reason", drop.reason()).put("injected", drop.injected())));
                best = better(best, new Verdict(m.leftAt() == null ? DeviceFate.DROPPED : DeviceFate.MISSED, drop.at(),
                        m.connectionId(), m.node(), "live", dn, seen));
            } else if (inRoomThen && m.deliveredTo() >= offset) {
                long at = handed != null ? handed : committedAt;
                seen.add(observation("delivered", m, at, Json.object()));
                best = better(best, new Verdict(DeviceFate.DELIVERED, at, m.connectionId(), m.node(), "live", null, seen));
            } else if (inRoomThen && m.leftAt() == null) {
                seen.add(observation("not yet sent", m, null, Json.object()));
                best = better(best, new Verdict(DeviceFate.PENDING, null, m.connectionId(), m.node(), "live", null, seen));
            } else if (inRoomThen) {
                DeliveryDrop dn = new DeliveryDrop(m.leftReason() == null ? "left" : m.leftReason(), false,
                        EventTrace.time(m.leftAt()));
                // The observation says what the record holds: no reason (null) when it was not recorded.
                seen.add(observation("left before it was sent", m, m.leftAt(), Json.object().put("reason", m.leftReason())));
                best = better(best, new Verdict(DeviceFate.MISSED, m.leftAt(), m.connectionId(), m.node(), "live", dn, seen));
            }
            if (m.recoveredFrom() != null && m.recoveredFrom() < offset && offset <= m.joinHead()) {
                seen.add(observation("replayed on join", m, m.joinedAt(), Json.object()));
                best = better(best, new Verdict(DeviceFate.RECOVERED, m.joinedAt(), m.connectionId(), m.node(), "replay",
                        null, seen));
            }
            if (m.ackedTo() >= offset) {
                seen.add(observation("acknowledged", m, null, Json.object().put("ackedTo", m.ackedTo())));
                Verdict acked = new Verdict(DeviceFate.ACKED, best.fate.has() ? best.at : null, m.connectionId(), m.node(),
                        best.fate.has() ? best.via : "ack", null, seen);
                best = better(best, acked);
            }
        }
        for (TraceFacts.HttpReadRow r : facts.httpReads) {
            if (r.userId().equals(user) && (r.deviceId() == null || r.deviceId().equals(device))) {
                seen.add(new EventTraceInfo.Observation("read over HTTP", null, null, EventTrace.time(r.at()),
                        facts(Json.object().put("deviceKnown", r.deviceId() != null))));
                best = better(best, new Verdict(DeviceFate.RECOVERED, r.at(), null, null, "http", null, seen));
            }
        }
        return best;
    }

    private static Verdict better(Verdict current, Verdict candidate) {
        if (candidate.fate.ordinal() < current.fate.ordinal()) {
            return candidate;
        }
        if (candidate.fate == current.fate && current.drop == null && candidate.drop != null) {
            return candidate; // the same fate, with the reason why
        }
        return current;
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
                connectionId == null ? null : node, via, drop, null, observations);
    }
}
