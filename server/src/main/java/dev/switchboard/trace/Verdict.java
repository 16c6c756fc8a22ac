package dev.switchboard.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One device's fate for one offset, with the evidence behind it. */
record Verdict(DeviceFate fate, Long at, String connectionId, String node, String via, ObjectNode drop,
               List<ObjectNode> observations) {

    static Verdict of(TraceFacts facts, String user, String device, long offset, long committedAt, Map<String, Long> handedAt) {
        Verdict best = new Verdict(DeviceFate.MISSED, null, null, null, null, null, new ArrayList<>());
        List<ObjectNode> seen = best.observations;
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
                ObjectNode dn = Json.object();
                dn.put("reason", drop.reason());
                dn.put("injected", drop.injected());
                dn.put("at", EventTrace.time(drop.at()));
                seen.add(observation("dropped", m, drop.at()).put("reason", drop.reason()).put("injected", drop.injected()));
                best = better(best, new Verdict(m.leftAt() == null ? DeviceFate.DROPPED : DeviceFate.MISSED, drop.at(),
                        m.connectionId(), m.node(), "live", dn, seen));
            } else if (inRoomThen && m.deliveredTo() >= offset) {
                long at = handed != null ? handed : committedAt;
                seen.add(observation("delivered", m, at));
                best = better(best, new Verdict(DeviceFate.DELIVERED, at, m.connectionId(), m.node(), "live", null, seen));
            } else if (inRoomThen && m.leftAt() == null) {
                seen.add(observation("not yet sent", m, null));
                best = better(best, new Verdict(DeviceFate.PENDING, null, m.connectionId(), m.node(), "live", null, seen));
            } else if (inRoomThen) {
                ObjectNode dn = Json.object();
                dn.put("reason", m.leftReason() == null ? "left" : m.leftReason());
                dn.put("injected", false);
                dn.put("at", EventTrace.time(m.leftAt()));
                seen.add(observation("left before it was sent", m, m.leftAt()).put("reason", m.leftReason()));
                best = better(best, new Verdict(DeviceFate.MISSED, m.leftAt(), m.connectionId(), m.node(), "live", dn, seen));
            }
            if (m.recoveredFrom() != null && m.recoveredFrom() < offset && offset <= m.joinHead()) {
                seen.add(observation("replayed on join", m, m.joinedAt()));
                best = better(best, new Verdict(DeviceFate.RECOVERED, m.joinedAt(), m.connectionId(), m.node(), "replay",
                        null, seen));
            }
            if (m.ackedTo() >= offset) {
                seen.add(observation("acknowledged", m, null).put("ackedTo", m.ackedTo()));
                Verdict acked = new Verdict(DeviceFate.ACKED, best.fate.has() ? best.at : null, m.connectionId(), m.node(),
                        best.fate.has() ? best.via : "ack", null, seen);
                best = better(best, acked);
            }
        }
        for (TraceFacts.HttpReadRow r : facts.httpReads) {
            if (r.userId().equals(user) && (r.deviceId() == null || r.deviceId().equals(device))) {
                ObjectNode o = Json.object();
                o.put("what", "read over HTTP");
                o.put("at", EventTrace.time(r.at()));
                o.put("deviceKnown", r.deviceId() != null);
                seen.add(o);
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

    private static ObjectNode observation(String what, TraceFacts.MembershipRow m, Long at) {
        ObjectNode o = Json.object();
        o.put("what", what);
        o.put("connectionId", m.connectionId());
        o.put("node", m.node());
        if (at != null) {
            o.put("at", EventTrace.time(at));
        }
        return o;
    }

    ObjectNode toJson(String deviceId) {
        ObjectNode d = Json.object();
        d.put("deviceId", deviceId);
        d.put("fate", fate.wire());
        if (at != null) {
            d.put("at", EventTrace.time(at));
        }
        if (connectionId != null) {
            d.put("connectionId", connectionId);
            d.put("node", node);
        }
        if (via != null) {
            d.put("via", via);
        }
        if (drop != null) {
            d.set("drop", drop);
        }
        ArrayNode obs = d.putArray("observations");
        observations.forEach(obs::add);
        return d;
    }
}
