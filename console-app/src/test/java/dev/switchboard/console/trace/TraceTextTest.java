package dev.switchboard.console.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.UserTimelineInfo;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain text for a support ticket, from answers shaped like the gateway's (docs/admin-api.md):
 * the gateway and node, every device's verdict with its reason and injected mark, times in UTC and
 * local, columns that line up.
 */
class TraceTextTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final TraceText TEXT = new TraceText("http://gw.example:8080", "gw-1", BERLIN);

    static final String TRACE = """
            { "eventId": "01M8JS25FXMP7RH3DFMQ9J41B1", "seq": 1841, "type": "doc.changed", "resourceId": "doc-7",
              "version": 12, "occurredAt": "2026-11-29T10:00:00.120Z", "receivedAt": "2026-11-29T10:00:00.118Z",
              "commitMs": 4, "committedAt": "2026-11-29T10:00:00.122Z",
              "handedToFanout": [ { "node": "gw-1", "at": "2026-11-29T10:00:00.123Z", "lagMs": 0.41 } ],
              "rooms": [ { "room": "document:7", "offset": 4051, "recipients": [
                  { "userId": "zoe", "missed": false, "devices": [
                      { "deviceId": "phone", "fate": "acked", "at": "2026-11-29T10:00:00.123Z", "connectionId": "c1x9k2m4",
                        "node": "gw-1", "via": "live", "observations": [
                          { "what": "delivered", "connectionId": "c1x9k2m4", "node": "gw-1", "at": "2026-11-29T10:00:00.123Z" },
                          { "what": "acknowledged", "connectionId": "c1x9k2m4", "node": "gw-1", "ackedTo": 4051 } ] },
                      { "deviceId": "tablet", "fate": "recovered", "at": "2026-11-29T10:14:31.902Z", "connectionId": "c9v1e8",
                        "node": "gw-1", "via": "replay", "observations": [] } ] },
                  { "userId": "max", "missed": true, "devices": [
                      { "deviceId": "desktop", "fate": "missed", "at": "2026-11-29T10:00:00.124Z", "connectionId": "c4d4",
                        "node": "gw-1", "via": "live",
                        "drop": { "reason": "injected_drop", "injected": true, "at": "2026-11-29T10:00:00.124Z" },
                        "observations": [ { "what": "dropped", "connectionId": "c4d4", "node": "gw-1",
                                            "at": "2026-11-29T10:00:00.124Z", "reason": "injected_drop", "injected": true } ] } ] },
                  { "userId": "ann", "missed": true, "devices": [
                      { "deviceId": null, "fate": "missed", "detail": "no connection of this user within trace retention" } ] }
                ] } ],
              "summary": { "acked": 1, "delivered": 0, "recovered": 1, "pending": 0, "dropped": 0, "missed": 2 } }
            """;

    static final String TIMELINE = """
            { "userId": "max", "from": "2026-11-28T10:00:00Z", "to": "2026-11-29T10:00:00Z",
              "devices": [ { "deviceId": "desktop", "connections": [
                  { "connectionId": "c4d4", "appVersion": "1.4.2", "remoteIp": "10.0.4.22", "node": "gw-1",
                    "connectedAt": "2026-11-29T09:59:58.000Z", "disconnectedAt": "2026-11-29T10:03:00.000Z",
                    "closeCode": 1006, "closeReason": "",
                    "joins": [ { "room": "document:7", "joinedAt": "2026-11-29T09:59:58.500Z", "headAtJoin": 4050,
                                 "recoveredFrom": 4048, "replayed": 2, "snapshotRequired": false, "deliveredTo": 4050,
                                 "ackedTo": 4050, "leftAt": "2026-11-29T10:03:00.000Z", "leftReason": "closed_1006" } ] } ] } ],
              "missed": [ { "eventId": "01M8JS25FXMP7RH3DFMQ9J41B1", "room": "document:7", "offset": 4051,
                            "committedAt": "2026-11-29T10:00:00.122Z",
                            "devices": [ { "deviceId": "desktop", "fate": "missed",
                                           "drop": { "reason": "injected_drop", "injected": true, "at": "2026-11-29T10:00:00.124Z" } } ] } ] }
            """;

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    /** The sample trace as the admin client hands it over, mapped for the page. */
    private static EventTraceReport trace() throws Exception {
        return TraceReports.eventTrace(AdminJson.read(TRACE, EventTraceInfo.class));
    }

    private static UserTimelineReport timeline(JsonNode json) throws Exception {
        return TraceReports.userTimeline(AdminJson.read(json, UserTimelineInfo.class));
    }

    private static List<String> deviceLines(String text) {
        return text.lines().filter(l -> l.startsWith("  document:7")).toList();
    }

    @Test
    void aTraceNamesTheGatewayAndEveryDevicesVerdictWithItsReason() throws Exception {
        String text = TEXT.event(trace());

        assertThat(text).contains("http://gw.example:8080  (node gw-1)", "01M8JS25FXMP7RH3DFMQ9J41B1", "doc.changed",
                "doc-7  version 12  seq 1841", "document:7 @4051", "Europe/Berlin");
        List<String> devices = deviceLines(text);
        assertThat(devices).hasSize(4); // worst first: what support reads first
        assertThat(devices.get(0)).contains("ann", "(no device)", "missed", "no connection of this user within trace retention");
        assertThat(devices.get(1)).contains("max", "desktop", "missed (injected_drop) [injected (QA)]",
                "user has it on no device");
        assertThat(devices.get(2)).contains("zoe", "tablet", "recovered (via replay)", "c9v1e8");
        assertThat(devices.get(3)).contains("4051", "zoe", "phone", "acked", "c1x9k2m4", "gw-1");
        assertThat(text).contains("SUMMARY  1 acked · 0 delivered · 1 recovered · 0 pending · 0 dropped · 2 missed",
                "MISSED BY  ann, max");
    }

    @Test
    void aMissedDeviceSaysWhyAndARecoveredOneItsPathAndLaterAck() throws Exception {
        JsonNode json = json(TRACE);
        JsonNode zoe = json.path("rooms").get(0).path("recipients").get(0).path("devices");
        ObjectNode tablet = (ObjectNode) zoe.get(1);
        tablet.put("recoveredAt", "2026-11-29T10:14:31.902Z").put("ackedAt", "2026-11-29T10:14:32.410Z");
        ObjectNode watch = ((ArrayNode) zoe).addObject();
        watch.put("deviceId", "watch").put("fate", "missed");
        watch.putObject("reason").put("code", "offline").put("since", "2026-11-29T08:35:21.004Z")
                .put("connectionId", "c2w8").put("closeCode", 1000).put("closeReason", "bye");
        watch.putArray("observations").addObject().put("what", "offline").put("connectionId", "c2w8")
                .put("at", "2026-11-29T08:35:21.004Z").put("reason", "offline").put("closeCode", 1000);

        EventTraceReport report = TraceReports.eventTrace(AdminJson.read(json, EventTraceInfo.class));
        VerdictRow watchRow = report.rows().stream().filter(r -> "watch".equals(r.deviceId())).findFirst().orElseThrow();
        assertThat(watchRow.why(TraceTimes::utc))
                .isEqualTo("offline since 2026-11-29T08:35:21.004Z, last closed with 1000 (bye)");
        VerdictRow tabletRow = report.rows().stream().filter(r -> "tablet".equals(r.deviceId())).findFirst().orElseThrow();
        assertThat(tabletRow.why(TraceTimes::utc))
                .isEqualTo("got it by replay at 2026-11-29T10:14:31.902Z; acked at 2026-11-29T10:14:32.410Z");

        String text = TEXT.event(report);
        assertThat(deviceLines(text))
                .anySatisfy(l -> assertThat(l).contains("watch", "missed", "offline since 2026-11-29T08:35:21.004Z",
                        "last closed with 1000 (bye)"))
                .anySatisfy(l -> assertThat(l).contains("tablet", "recovered (via replay)",
                        "got it by replay at 2026-11-29T10:14:31.902Z; acked at 2026-11-29T10:14:32.410Z"));
        assertThat(text.lines().filter(l -> l.contains("offline") && l.contains("c2w8")).toList()).as("the observation")
                .singleElement().satisfies(l -> assertThat(l).contains("2026-11-29T08:35:21.004Z", "reason=offline closeCode=1000"));
    }

    @Test
    void timesAreInUtcAndLocalAndColumnsLineUp() throws Exception {
        String text = TEXT.event(trace());

        String phone = deviceLines(text).get(3);
        assertThat(phone).contains("2026-11-29T10:00:00.123Z", "2026-11-29 11:00:00.123");
        assertThat(text).contains("2026-11-29T10:14:31.902Z", "2026-11-29 11:14:31.902");
        String header = text.lines().filter(l -> l.startsWith("  ROOM")).findFirst().orElseThrow();
        int fate = header.indexOf("FATE");
        int at = header.indexOf("AT (UTC)");
        assertThat(deviceLines(text)).allSatisfy(l -> {
            assertThat(l.charAt(fate - 1)).as("blank before the fate column in %s", l).isEqualTo(' ');
            assertThat(l.substring(fate)).matches("(acked|recovered|missed).*");
            assertThat(l.substring(at)).matches("(\\d{4}-|—).*");
        });
        assertThat(text).contains("Received", "Committed to the log", "Handed to fanout · gw-1", "+4 ms", "+1 ms",
                "+14 min 31 s");
        assertThat(text.lines()).noneMatch(l -> l.endsWith(" "));
    }

    @Test
    void aTimelineListsConnectionsJoinsAndTheMissedEventsWithTheInjectedMark() throws Exception {
        String text = TEXT.timeline(timeline(json(TIMELINE)));

        assertThat(text).contains("SWITCHBOARD USER TIMELINE", "http://gw.example:8080  (node gw-1)", "max",
                "1 device, 1 connection, 1 missed event", "2026-11-28T10:00:00.000Z  /  2026-11-28 11:00:00.000 local");
        assertThat(text.lines().filter(l -> l.contains("c4d4")).toList()).satisfiesExactly(
                l -> assertThat(l).contains("desktop", "connected", "app 1.4.2", "IP 10.0.4.22", "node gw-1"),
                l -> assertThat(l).contains("joined", "document:7", "head 4050", "recovered from 4048 (2 replayed)",
                        "delivered to 4050", "acked to 4050"),
                l -> assertThat(l).contains("left", "document:7", "2026-11-29T10:03:00.000Z", "reason closed_1006"),
                l -> assertThat(l).contains("disconnected", "code 1006", "2026-11-29 11:03:00.000"));
        assertThat(text.lines().filter(l -> l.startsWith("  01M8JS25FXMP7RH3DFMQ9J41B1")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("document:7", "4051", "2026-11-29T10:00:00.122Z", "desktop",
                        "missed (injected_drop) [injected (QA)]"));
    }

    @Test
    void aTimelineWithoutMissedEventsSaysNone() throws Exception {
        JsonNode t = json(TIMELINE);
        ((ObjectNode) t).putArray("missed");
        assertThat(TEXT.timeline(timeline(t))).contains("MISSED EVENTS (no device of the user has them)\n  none");
    }

    /** Prints the two texts for a look: {@code -Dtrace.print=true}. */
    @Test
    void print() throws Exception {
        if (Boolean.getBoolean("trace.print")) {
            System.out.println(TEXT.event(trace()));
            System.out.println(TEXT.timeline(timeline(json(TIMELINE))));
        }
    }
}
