package dev.switchboard.bench.devices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.ClientCounters;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.report.DeviceReport;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.RemoteGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.LoadSpec;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One level of {@link dev.switchboard.simulator.SimulatorBenchmark}, in a JVM of its own: runs the
 * scenario with N devices against the given gateway and samples this JVM when idle (before any
 * client), once every device is connected and synced, and at the end (converged, clients still
 * open); CPU is measured over the load and the timeline. Prints {@code RESULT {json}}.
 */
public final class DeviceLevel {
    public static final String RESULT = "RESULT ";

    private DeviceLevel() {
    }

    public static int run(Map<String, String> a) throws Exception {
        int devices = Integer.parseInt(a.get("devices"));
        Scenario base = ScenarioLoader.load(a.get("scenario"));
        LoadSpec l = base.load();
        LoadSpec load = new LoadSpec(l.eventsPerSecond(), l.resources(), l.rooms(), Integer.parseInt(a.get("publishers")),
                l.type(), l.republishEvery());
        Scenario scenario = new Scenario(base.name(), base.description(), Double.parseDouble(a.get("duration")),
                base.convergenceTimeoutSeconds(), base.users(), load, base.timeline()).validate();
        Map<Simulation.Phase, JvmSample> samples = new EnumMap<>(Simulation.Phase.class);
        ObjectNode threadsAtEnd = Json.object();
        Simulation.Options options = Simulation.Options.defaults()
                .withReplicas(Cast.replicasFor(scenario, devices))
                .withRate(Double.parseDouble(a.get("rate")))
                .withProgress(line -> System.err.println("[" + devices + " devices] " + line))
                .withPhases(phase -> {
                    samples.put(phase, sample(phase));
                    if (phase == Simulation.Phase.CONVERGED) {
                        threadsAtEnd.setAll(threadsByName());
                    }
                });
        SimulationReport report;
        try (RemoteGateway gateway = RemoteGateway.connect(a.get("gateway"), a.get("service-token"), a.get("admin-token"),
                a.get("token-secret"))) {
            report = new Simulation(scenario, gateway, options).run();
        }
        if (!report.passed()) {
            System.err.println(TextReport.render(report));
        }
        ObjectNode r = Json.object();
        r.put("devices", report.deviceCount());
        r.put("passed", report.passed());
        if (report.convergedAfterSeconds() >= 0) {
            r.put("convergedAfterSeconds", report.convergedAfterSeconds());
        } else {
            r.putNull("convergedAfterSeconds");
        }
        r.put("failures", report.totalFailures());
        r.put("published", report.publishing().confirmed());
        long applied = 0;
        long reconnects = 0;
        for (DeviceReport d : report.devices()) {
            ClientCounters c = d.counters();
            applied += c.eventsApplied();
            reconnects += c.reconnects();
        }
        r.put("applied", applied);
        r.put("reconnects", reconnects);
        r.set("idle", json(samples.get(Simulation.Phase.GRANTING)));
        r.set("connected", json(samples.get(Simulation.Phase.RUNNING)));
        JvmSample end = samples.getOrDefault(Simulation.Phase.CONVERGED, samples.get(Simulation.Phase.DONE));
        r.set("end", json(end));
        JvmSample runStart = samples.get(Simulation.Phase.RUNNING);
        JvmSample runEnd = samples.get(Simulation.Phase.CONVERGING);
        r.put("cpuCores", (runEnd.cpuNanos() - runStart.cpuNanos()) / (double) (runEnd.atNanos() - runStart.atNanos()));
        r.put("peakRss", ProcStats.self().peakRssBytes());
        r.put("peakThreads", ManagementFactory.getThreadMXBean().getPeakThreadCount());
        r.set("threadsByName", threadsAtEnd);
        r.put("runSeconds", report.runSeconds());
        r.put("setupSeconds", report.setupSeconds());
        System.out.println(RESULT + Json.write(r));
        return report.passed() ? 0 : 1;
    }

    /** A full sample except when the CPU reading must not include a collection. */
    private static JvmSample sample(Simulation.Phase phase) {
        try {
            return phase == Simulation.Phase.CONVERGING ? JvmSample.cpuOnly() : takeThenCpu();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU time and the clock are read after the collection, so that the run's CPU excludes the sampling's GC. */
    private static JvmSample takeThenCpu() throws IOException {
        JvmSample full = JvmSample.take();
        JvmSample cpu = JvmSample.cpuOnly();
        return new JvmSample(full.heapUsedBytes(), full.heapCommittedBytes(), full.rssBytes(), full.threads(),
                cpu.cpuNanos(), cpu.atNanos());
    }

    /** Live threads by name with the numbers taken out: where the threads go. */
    private static ObjectNode threadsByName() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            counts.merge(t.getName().replaceAll("\\d+", "N").replaceAll("(ws|http)://\\S+", "URL"), 1, Integer::sum);
        }
        ObjectNode n = Json.object();
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(12)
                .forEach(e -> n.put(e.getKey(), e.getValue()));
        return n;
    }

    private static ObjectNode json(JvmSample s) {
        ObjectNode n = Json.object();
        if (s != null) {
            n.put("heapUsed", s.heapUsedBytes());
            n.put("heapCommitted", s.heapCommittedBytes());
            n.put("rss", s.rssBytes());
            n.put("threads", s.threads());
        }
        return n;
    }
}
