package dev.switchboard.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.MissReason;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.protocol.CloseCodes;

import java.util.List;

/**
 * Why a device missed an event, from what the recorder kept: its connections (open when, closed with
 * which code) and its memberships of the room. Says {@code unknown} rather than guess.
 */
final class MissReasons {
    private MissReasons() {
    }

    /**
     * @param live the verdict from the device's memberships of the room at the commit: a {@code missed}
     *             one names the connection that left or dropped it, otherwise it had none in the room
     */
    static MissReason explain(TraceFacts facts, List<TraceFacts.ConnectionRow> connections, Verdict live,
                              long committedAt) {
        if (live.fate() == DeviceFate.MISSED && live.connectionId() != null) {
            return inRoomButGone(connections, live);
        }
        TraceFacts.ConnectionRow open = null;
        TraceFacts.ConnectionRow lastClosed = null;
        for (TraceFacts.ConnectionRow k : connections) {
            if (k.openAt(committedAt)) {
                open = k;
            } else if (k.disconnectedAt() != null && k.disconnectedAt() < committedAt) {
                lastClosed = k;
            }
        }
        if (open != null) {
            return connectedWithoutTheRoom(facts, open, committedAt);
        }
        if (lastClosed != null) {
            return new MissReason(offlineCode(lastClosed.closeCode()), EventTrace.time(lastClosed.disconnectedAt()),
                    lastClosed.connectionId(), lastClosed.closeCode(), lastClosed.closeReason());
        }
        if (!connections.isEmpty()) {
            return new MissReason("offline", null, null, null, null); // it first connected after the event
        }
        return new MissReason("unknown", null, null, null, null);
    }

    /** It was in the room on {@code live}'s connection, which dropped the event or left before it was sent. */
    private static MissReason inRoomButGone(List<TraceFacts.ConnectionRow> connections, Verdict live) {
        TraceFacts.ConnectionRow k = connections.stream().filter(c -> c.connectionId().equals(live.connectionId()))
                .findFirst().orElse(null);
        String leftReason = live.drop() == null ? null : live.drop().reason();
        Integer closeCode = k == null ? null : k.closeCode();
        if (closeCode == null && leftReason != null && leftReason.matches("closed_\\d+")) {
            closeCode = Integer.valueOf(leftReason.substring("closed_".length())); // the close not stored yet
        }
        String closeReason = k == null ? null : k.closeReason();
        String since = live.drop() == null ? null : live.drop().at();
        boolean dropped = live.observations().stream()
                .anyMatch(o -> o.what().equals("dropped") && live.connectionId().equals(o.connectionId()));
        String code;
        if ("revoked".equals(leftReason)) {
            code = "revoked";
        } else if (closeCode != null && !offlineCode(closeCode).equals("offline")) {
            code = offlineCode(closeCode); // cut as a slow consumer, or the token ran out
        } else if (dropped) {
            code = "dropped";
        } else if (closeCode != null) {
            code = "closed";
        } else {
            code = "left";
        }
        return new MissReason(code, since, live.connectionId(), closeCode, closeReason);
    }

    /** Connected when it was published, but that connection was not in the room then. */
    private static MissReason connectedWithoutTheRoom(TraceFacts facts, TraceFacts.ConnectionRow open, long committedAt) {
        TraceFacts.MembershipRow left = null;
        for (TraceFacts.MembershipRow m : facts.memberships) {
            if (m.connectionId().equals(open.connectionId()) && m.leftAt() != null && m.leftAt() < committedAt) {
                left = m;
            }
        }
        if (left == null) {
            return new MissReason("not_joined", EventTrace.time(open.connectedAt()), open.connectionId(), null, null);
        }
        return new MissReason("revoked".equals(left.leftReason()) ? "revoked" : "left", EventTrace.time(left.leftAt()),
                open.connectionId(), null, null);
    }

    /** Offline, named by how the last connection ended when that says more than "offline". */
    private static String offlineCode(Integer closeCode) {
        if (closeCode != null && closeCode == CloseCodes.SLOW_CONSUMER) {
            return "slow_consumer";
        }
        if (closeCode != null && closeCode == CloseCodes.UNAUTHORIZED) {
            return "token_expired";
        }
        return "offline";
    }

    /** The reason as one observation, so the evidence list says it too. */
    static ObjectNode facts(MissReason r) {
        ObjectNode facts = Json.object().put("reason", r.code());
        if (r.closeCode() != null) {
            facts.put("closeCode", r.closeCode()).put("closeReason", r.closeReason());
        }
        return facts;
    }

    /** What the observation says happened. */
    static String what(MissReason r) {
        return switch (r.code()) {
            case "offline" -> "offline";
            case "slow_consumer" -> "cut as a slow consumer";
            case "token_expired" -> "token expired";
            case "not_joined" -> "connected, not in the room";
            case "left" -> "had left the room";
            case "revoked" -> "access revoked";
            case "closed" -> "closed before it was sent";
            case "dropped" -> "dropped, then the connection closed";
            default -> "no record says why";
        };
    }
}
