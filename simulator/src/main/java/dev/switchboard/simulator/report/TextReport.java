package dev.switchboard.simulator.report;

import dev.switchboard.client.ClientCounters;
import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.Failure;

import java.util.Map;

/**
 * The report as text for a terminal: verdict, publishing, timeline (steps injected by hand marked
 * {@code [manual]}), a table of devices, then every failure kept.
 */
public final class TextReport {
    /** Devices listed in the table; with more, those with failures come first and the rest are summed. */
    static final int MAX_DEVICE_ROWS = 40;

    private TextReport() {
    }

    public static String render(SimulationReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Scenario ").append(r.scenario()).append(": ").append(r.verdict())
                .append(" (").append(r.deviceCount()).append(" devices");
        if (r.replicas() > 1) {
            b.append(" in ").append(r.replicas()).append(" copies");
        }
        b.append(", ").append(r.gateway()).append(")\n");
        if (!r.description().isBlank()) {
            b.append("  ").append(r.description()).append('\n');
        }
        b.append("  run ").append(r.runId()).append(": users and rooms on the gateway start with ").append(r.prefix())
                .append(" (left out below)\n");
        SimulationReport.Publishing p = r.publishing();
        b.append(String.format("  setup %.1f s, load and timeline %.1f s, ", r.setupSeconds(), r.runSeconds()));
        b.append(r.cancelled() ? "cancelled: convergence not judged\n"
                : r.convergedAfterSeconds() >= 0
                ? String.format("converged %.2f s after the chaos ended%n", r.convergedAfterSeconds())
                : "NOT converged by the deadline\n");
        b.append(String.format("  published %d/%d events (%d published again with the same id, %d retries, %d given up)%n",
                p.confirmed(), p.due(), p.republished(), p.retries(), p.abandoned()));

        if (!r.steps().isEmpty()) {
            b.append("\nTimeline\n");
            for (StepRecord s : r.steps()) {
                b.append(String.format("  +%5.2f s  %-40s %s%n", s.startedAt(), (s.manual() ? "[manual] " : "") + s.step(),
                        s.outcome()));
            }
        }

        b.append("\nDevices\n");
        b.append(String.format("  %-28s %-21s %8s %5s %8s %5s %9s %10s %6s %10s %8s%n", "device", "state", "applied",
                "gaps", "replayed", "http", "snapshots", "duplicates", "stale", "reconnects", "failures"));
        int shown = 0;
        ClientCounters rest = new ClientCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        int restDevices = 0;
        for (DeviceReport d : r.devices().stream()
                .sorted((x, y) -> Integer.compare(y.failures() > 0 ? 1 : 0, x.failures() > 0 ? 1 : 0)).toList()) {
            if (shown++ < MAX_DEVICE_ROWS) {
                row(b, d.device(), d.state(), d.counters(), d.failures());
            } else {
                rest = add(rest, d.counters());
                restDevices++;
            }
        }
        if (restDevices > 0) {
            row(b, restDevices + " more devices", "", rest, 0);
        }

        b.append('\n');
        if (r.totalFailures() == 0 && r.cancelled()) {
            b.append("No failures until the run was cancelled.\n");
        } else if (r.passed()) {
            b.append("All assertions held:\n");
            for (Assertion a : Assertion.values()) {
                if (a != Assertion.RUN) {
                    b.append("  ok  ").append(a.id()).append(": ").append(a.meaning()).append('\n');
                }
            }
        } else {
            b.append("Failures: ").append(r.totalFailures());
            for (Map.Entry<Assertion, Integer> e : r.failureCounts().entrySet()) {
                b.append(", ").append(e.getKey().id()).append(' ').append(e.getValue());
            }
            b.append('\n');
            for (Failure f : r.failures()) {
                b.append("  ").append(f.describe()).append('\n');
            }
            if (r.failures().size() < r.totalFailures()) {
                b.append("  ... and ").append(r.totalFailures() - r.failures().size()).append(" more\n");
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String device, String state, ClientCounters c, int failures) {
        b.append(String.format("  %-28s %-21s %8d %5d %8d %5d %9d %10d %6d %10d %8d%n", device, state, c.eventsApplied(),
                c.gapsDetected(), c.replayedEvents(), c.httpRecoveries(), c.snapshots(), c.duplicatesIgnored(),
                c.staleIgnored(), c.reconnects(), failures));
    }

    private static ClientCounters add(ClientCounters a, ClientCounters c) {
        return new ClientCounters(a.eventsApplied() + c.eventsApplied(), a.duplicatesIgnored() + c.duplicatesIgnored(),
                a.staleIgnored() + c.staleIgnored(), a.gapsDetected() + c.gapsDetected(),
                a.replayedEvents() + c.replayedEvents(), a.httpRecoveries() + c.httpRecoveries(),
                a.snapshots() + c.snapshots(), a.reconnects() + c.reconnects(), a.acksSent() + c.acksSent(),
                a.pendingConfirmed() + c.pendingConfirmed(), a.pendingSuperseded() + c.pendingSuperseded(),
                a.pendingRolledBack() + c.pendingRolledBack());
    }
}
