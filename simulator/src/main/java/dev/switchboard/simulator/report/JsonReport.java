package dev.switchboard.simulator.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.ClientCounters;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.Failure;

import java.util.Map;

/** The report as JSON (format in simulator/README.md), for CI and scripts. */
public final class JsonReport {
    private JsonReport() {
    }

    public static ObjectNode render(SimulationReport r) {
        ObjectNode o = Json.object();
        o.put("scenario", r.scenario());
        o.put("runId", r.runId());
        o.put("prefix", r.prefix());
        o.put("passed", r.passed());
        o.put("verdict", r.verdict());
        o.put("cancelled", r.cancelled());
        o.put("gateway", r.gateway());
        o.put("replicas", r.replicas());
        o.put("devices", r.deviceCount());
        o.put("setupSeconds", round(r.setupSeconds()));
        o.put("runSeconds", round(r.runSeconds()));
        if (r.convergedAfterSeconds() >= 0) {
            o.put("convergedAfterSeconds", round(r.convergedAfterSeconds()));
        } else {
            o.putNull("convergedAfterSeconds");
        }
        ObjectNode p = o.putObject("publishing");
        p.put("due", r.publishing().due());
        p.put("confirmed", r.publishing().confirmed());
        p.put("republished", r.publishing().republished());
        p.put("retries", r.publishing().retries());
        p.put("abandoned", r.publishing().abandoned());
        ArrayNode steps = o.putArray("steps");
        for (StepRecord s : r.steps()) {
            ObjectNode n = steps.addObject();
            n.put("at", s.plannedAt());
            n.put("startedAt", round(s.startedAt()));
            n.put("step", s.step());
            n.put("outcome", s.outcome());
            n.put("manual", s.manual());
        }
        ArrayNode devices = o.putArray("deviceReports");
        for (DeviceReport d : r.devices()) {
            ObjectNode n = devices.addObject();
            n.put("device", d.device());
            n.put("user", d.user());
            n.put("state", d.state());
            ClientCounters c = d.counters();
            n.put("applied", c.eventsApplied());
            n.put("gaps", c.gapsDetected());
            n.put("replayed", c.replayedEvents());
            n.put("httpRecoveries", c.httpRecoveries());
            n.put("snapshots", c.snapshots());
            n.put("duplicatesIgnored", c.duplicatesIgnored());
            n.put("staleIgnored", c.staleIgnored());
            n.put("reconnects", c.reconnects());
            n.put("acksSent", c.acksSent());
            n.put("pendingConfirmed", c.pendingConfirmed());
            n.put("pendingSuperseded", c.pendingSuperseded());
            n.put("pendingRolledBack", c.pendingRolledBack());
            n.put("tokensMinted", d.tokensMinted());
            n.put("failures", d.failures());
        }
        o.put("totalFailures", r.totalFailures());
        ObjectNode counts = o.putObject("failureCounts");
        for (Map.Entry<Assertion, Integer> e : r.failureCounts().entrySet()) {
            counts.put(e.getKey().id(), e.getValue());
        }
        ArrayNode failures = o.putArray("failures");
        for (Failure f : r.failures()) {
            ObjectNode n = failures.addObject();
            n.put("assertion", f.assertion().id());
            putOrNull(n, "device", f.device());
            putOrNull(n, "room", f.room());
            putOrNull(n, "eventId", f.eventId());
            if (f.offset() >= 0) {
                n.put("offset", f.offset());
            } else {
                n.putNull("offset");
            }
            n.put("detail", f.detail());
        }
        return o;
    }

    private static void putOrNull(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
