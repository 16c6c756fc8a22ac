package dev.switchboard.console.trace;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Renders a trace or a user timeline as plain text for a support ticket: the gateway URL and node,
 * fixed-width columns, every device's verdict with its reason and the injected mark, and every time
 * both in UTC (ISO-8601) and in local time, the zone named once at the top. Immutable.
 */
public final class TraceText {
    private final String gatewayUrl;
    private final String node;
    private final ZoneId zone;

    public TraceText(String gatewayUrl, String node, ZoneId zone) {
        this.gatewayUrl = gatewayUrl;
        this.node = node;
        this.zone = zone;
    }

    public String event(EventTraceReport r) {
        StringBuilder b = new StringBuilder();
        b.append("SWITCHBOARD DELIVERY TRACE\n");
        b.append(new TextTable("Gateway", gateway())
                .row("Event", r.eventId())
                .row("Type", r.type())
                .row("Resource", r.resourceId() + "  version " + r.version() + "  seq " + r.seq())
                .row("Rooms", r.roomsText())
                .row("Occurred", times(r.occurredAt()) + "  (client clock)")
                .row("Local zone", zone.getId())
                .render(""));
        b.append("\nTIMELINE\n");
        TextTable steps = new TextTable("STEP", "UTC", "LOCAL", "SINCE PREVIOUS", "SINCE FIRST", "DETAIL");
        for (TraceStep s : TraceSteps.of(r)) {
            steps.row(s.title(), TraceTimes.utc(s.at()), TraceTimes.local(s.at(), zone), s.sincePreviousText(),
                    s.sinceFirstText(), s.detail());
        }
        b.append(steps.render("  "));
        b.append("\nDEVICES\n");
        TextTable devices = new TextTable("ROOM", "OFFSET", "USER", "DEVICE", "FATE", "AT (UTC)", "AT (LOCAL)",
                "CONNECTION", "NODE", "NOTE");
        for (VerdictRow v : r.rows()) {
            String note = v.detail() == null ? "" : v.detail();
            String why = v.why(TraceTimes::utc);
            if (!why.isEmpty()) {
                note = (note.isEmpty() ? "" : note + "; ") + why;
            }
            if (v.userMissed()) {
                note = (note.isEmpty() ? "" : note + "; ") + "user has it on no device";
            }
            devices.row(v.room(), v.offset(), v.userId(), v.deviceLabel(), v.mark().plain(), TraceTimes.utc(v.at()),
                    TraceTimes.local(v.at(), zone), dash(v.connectionId()), dash(v.node()), note);
        }
        b.append(devices.render("  "));
        b.append("\nSUMMARY  ").append(r.summary().text()).append('\n');
        if (!r.missedUsers().isEmpty()) {
            b.append("MISSED BY  ").append(String.join(", ", r.missedUsers())).append("  (no device of theirs has it)\n");
        }
        b.append("\nOBSERVATIONS\n");
        for (VerdictRow v : r.rows()) {
            if (v.observations().isEmpty()) {
                continue;
            }
            b.append("  ").append(v.userId()).append(" / ").append(v.deviceLabel()).append('\n');
            TextTable obs = new TextTable("UTC", "LOCAL", "WHAT", "CONNECTION", "NODE", "FACTS");
            for (Observation o : v.observations()) {
                obs.row(TraceTimes.utc(o.at()), TraceTimes.local(o.at(), zone), o.what(), dash(o.connectionId()),
                        dash(o.node()), o.facts());
            }
            b.append(obs.render("    "));
        }
        return b.toString();
    }

    public String timeline(UserTimelineReport t) {
        StringBuilder b = new StringBuilder();
        b.append("SWITCHBOARD USER TIMELINE\n");
        b.append(new TextTable("Gateway", gateway())
                .row("User", t.userId())
                .row("From", times(t.from()))
                .row("To", times(t.to()))
                .row("Local zone", zone.getId())
                .row("Seen", plural(t.devices().size(), "device") + ", " + plural(t.connectionCount(), "connection") + ", "
                        + plural(t.missed().size(), "missed event"))
                .render(""));
        b.append("\nDEVICES, CONNECTIONS AND JOINS\n");
        TextTable lines = new TextTable("DEVICE", "CONNECTION", "UTC", "LOCAL", "WHAT", "ROOM", "DETAIL");
        for (UserTimelineReport.Device d : t.devices()) {
            for (UserTimelineReport.Connection k : d.connections()) {
                TimelineItem c = TimelineItem.connection(k);
                lines.row(d.deviceId(), k.connectionId(), TraceTimes.utc(c.at()), TraceTimes.local(c.at(), zone), "connected",
                        "", c.detail());
                for (TimelineItem i : TimelineItem.childrenOf(k)) {
                    lines.row(d.deviceId(), k.connectionId(), TraceTimes.utc(i.at()), TraceTimes.local(i.at(), zone), i.what(),
                            i.room(), i.detail());
                }
            }
        }
        b.append(lines.render("  "));
        b.append("\nMISSED EVENTS (no device of the user has them)\n");
        if (t.missed().isEmpty()) {
            b.append("  none\n");
        } else {
            TextTable missed = new TextTable("EVENT", "ROOM", "OFFSET", "COMMITTED (UTC)", "COMMITTED (LOCAL)", "DEVICE", "FATE",
                    "WHY");
            for (UserTimelineReport.MissedEvent m : t.missed()) {
                if (m.devices().isEmpty()) {
                    missed.row(m.eventId(), m.room(), m.offset(), TraceTimes.utc(m.committedAt()),
                            TraceTimes.local(m.committedAt(), zone), "(no device)", "missed", "");
                }
                for (UserTimelineReport.DeviceMiss d : m.devices()) {
                    missed.row(m.eventId(), m.room(), m.offset(), TraceTimes.utc(m.committedAt()),
                            TraceTimes.local(m.committedAt(), zone), d.deviceId(), d.mark().plain(),
                            d.reason() == null ? "" : d.reason().text(TraceTimes::utc));
                }
            }
            b.append(missed.render("  "));
        }
        return b.toString();
    }

    private String gateway() {
        return gatewayUrl + (node == null || node.isBlank() ? "" : "  (node " + node + ")");
    }

    private String times(Instant at) {
        return at == null ? "—" : TraceTimes.utc(at) + "  /  " + TraceTimes.local(at, zone) + " local";
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
