package dev.switchboard.console.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.ui.Format;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the gateway's trace and timeline answers (docs/admin-api.md, "Events and traces") into the
 * page's records, so nothing else in the page touches JSON. Lenient: a field the gateway leaves out
 * becomes null, 0 or empty rather than an error. Stateless.
 */
public final class TraceJson {
    private static final Set<String> OBSERVATION_MAIN = Set.of("what", "at", "connectionId", "node");

    private TraceJson() {
    }

    public static EventTraceReport eventTrace(JsonNode json) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        List<VerdictRow> rows = new ArrayList<>();
        for (JsonNode room : json.path("rooms")) {
            String name = room.path("room").asText();
            long offset = room.path("offset").asLong();
            offsets.put(name, offset);
            for (JsonNode user : room.path("recipients")) {
                for (JsonNode device : user.path("devices")) {
                    rows.add(verdict(name, offset, user.path("userId").asText(), user.path("missed").asBoolean(), device));
                }
            }
        }
        rows.sort(Comparator.comparingInt(VerdictRow::severity).thenComparing(VerdictRow::room)
                .thenComparing(VerdictRow::userId).thenComparing(VerdictRow::deviceLabel));
        List<FanoutHandoff> handoffs = new ArrayList<>();
        for (JsonNode h : json.path("handedToFanout")) {
            handoffs.add(new FanoutHandoff(h.path("node").asText(), instant(h, "at"), h.path("lagMs").asDouble()));
        }
        JsonNode s = json.path("summary");
        FateCounts summary = new FateCounts(s.path("acked").asInt(), s.path("delivered").asInt(), s.path("recovered").asInt(),
                s.path("pending").asInt(), s.path("dropped").asInt(), s.path("missed").asInt());
        return new EventTraceReport(json.path("eventId").asText(), json.path("seq").asLong(), json.path("type").asText(),
                json.path("resourceId").asText(), json.path("version").asLong(), instant(json, "occurredAt"),
                instant(json, "receivedAt"), json.hasNonNull("commitMs") ? json.path("commitMs").asLong() : null,
                instant(json, "committedAt"), offsets, handoffs, rows, summary);
    }

    private static VerdictRow verdict(String room, long offset, String user, boolean userMissed, JsonNode d) {
        JsonNode drop = d.path("drop");
        List<Observation> observations = new ArrayList<>();
        for (JsonNode o : d.path("observations")) {
            observations.add(observation(o));
        }
        return new VerdictRow(room, offset, user, userMissed, text(d, "deviceId"), d.path("fate").asText("missed"),
                text(d, "via"), instant(d, "at"), text(d, "connectionId"), text(d, "node"), text(drop, "reason"),
                drop.path("injected").asBoolean(false), instant(drop, "at"), text(d, "detail"), observations);
    }

    private static Observation observation(JsonNode o) {
        StringBuilder facts = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!OBSERVATION_MAIN.contains(f.getKey()) && !f.getValue().isNull()) {
                facts.append(facts.length() == 0 ? "" : " ").append(f.getKey()).append('=').append(f.getValue().asText());
            }
        }
        return new Observation(o.path("what").asText(), instant(o, "at"), text(o, "connectionId"), text(o, "node"),
                facts.toString());
    }

    public static UserTimelineReport userTimeline(JsonNode json) {
        List<UserTimelineReport.Device> devices = new ArrayList<>();
        for (JsonNode d : json.path("devices")) {
            List<UserTimelineReport.Connection> connections = new ArrayList<>();
            for (JsonNode k : d.path("connections")) {
                connections.add(connection(k));
            }
            devices.add(new UserTimelineReport.Device(d.path("deviceId").asText(), connections));
        }
        List<UserTimelineReport.MissedEvent> missed = new ArrayList<>();
        for (JsonNode m : json.path("missed")) {
            List<UserTimelineReport.DeviceMiss> fates = new ArrayList<>();
            for (JsonNode f : m.path("devices")) {
                JsonNode drop = f.path("drop");
                fates.add(new UserTimelineReport.DeviceMiss(f.path("deviceId").asText(), f.path("fate").asText("missed"),
                        text(drop, "reason"), drop.path("injected").asBoolean(false), instant(drop, "at")));
            }
            missed.add(new UserTimelineReport.MissedEvent(m.path("eventId").asText(), m.path("room").asText(),
                    m.path("offset").asLong(), instant(m, "committedAt"), fates));
        }
        return new UserTimelineReport(json.path("userId").asText(), instant(json, "from"), instant(json, "to"), devices, missed);
    }

    private static UserTimelineReport.Connection connection(JsonNode k) {
        List<UserTimelineReport.Join> joins = new ArrayList<>();
        for (JsonNode j : k.path("joins")) {
            joins.add(new UserTimelineReport.Join(j.path("room").asText(), instant(j, "joinedAt"), number(j, "headAtJoin"),
                    number(j, "recoveredFrom"), number(j, "replayed"), j.path("snapshotRequired").asBoolean(),
                    j.path("deliveredTo").asLong(), j.path("ackedTo").asLong(), instant(j, "leftAt"), text(j, "leftReason")));
        }
        return new UserTimelineReport.Connection(k.path("connectionId").asText(), text(k, "appVersion"), text(k, "remoteIp"),
                text(k, "node"), instant(k, "connectedAt"), instant(k, "disconnectedAt"),
                k.hasNonNull("closeCode") ? k.path("closeCode").asInt() : null, text(k, "closeReason"), joins);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Long number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asLong() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        return Format.instant(text(node, field));
    }
}
