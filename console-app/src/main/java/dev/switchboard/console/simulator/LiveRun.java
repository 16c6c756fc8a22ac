package dev.switchboard.console.simulator;

import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.run.ManualChaos;
import dev.switchboard.simulator.run.RunPlan;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.run.SimulationTarget;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.ScenarioException;
import dev.switchboard.simulator.scenario.StepAction;

import java.io.IOException;
import java.util.List;

/**
 * One simulation run started from the console, on a thread of its own ({@code simulator-run}): it
 * connects the target (the connected gateway), builds the {@link Simulation} (which refuses a scenario
 * this gateway cannot run, with its reason) and runs it to its report. Any other thread may take a
 * {@link #snapshot()}, {@link #inject} chaos (blocking: never the UI thread) or {@link #cancel()} it, at
 * any time, also before the simulation exists: a cancel that comes first is passed on as soon as it does.
 *
 * <p>Threads: the {@link Listener} is called on the run's thread. {@code simulation} is written once by
 * the run's thread, {@code cancelled} by any; both are volatile and each side checks the other after
 * writing its own, so a cancel is never lost.
 */
final class LiveRun {
    /** Connects to the gateway a run goes to (I/O: it reads the gateway's WebSocket URL). */
    @FunctionalInterface
    interface Target {
        SimulationTarget connect() throws IOException;
    }

    /** What became of the run; called on the run's thread. */
    interface Listener {
        /** The simulation exists and has not touched the gateway yet: what it will touch. */
        void planned(RunPlan plan);

        /** The simulation exists and runs: snapshots, chaos and cancel reach it from now on. */
        void started();

        /** The simulator refused the scenario against this gateway (its message says why). */
        void refused(String reason);

        void finished(SimulationReport report);

        /** It could not start or broke off (gateway unreachable, an unexpected error). */
        void failed(String reason);
    }

    private final Scenario scenario;
    private final Simulation.Options options;
    private final Target target;
    private final long startedNanos = System.nanoTime();
    private volatile Simulation simulation;
    private volatile boolean cancelled;

    LiveRun(Scenario scenario, Simulation.Options options, Target target) {
        this.scenario = scenario;
        this.options = options;
        this.target = target;
    }

    void start(Listener listener) {
        Thread t = new Thread(() -> execute(listener), "simulator-run");
        t.setDaemon(true);
        t.start();
    }

    private void execute(Listener listener) {
        SimulationTarget gateway;
        try {
            gateway = target.connect();
        } catch (IOException | RuntimeException e) {
            listener.failed("cannot reach the gateway: " + e.getMessage());
            return;
        }
        SimulationReport report;
        try (gateway) {
            Simulation s;
            try {
                s = new Simulation(scenario, gateway, options);
            } catch (ScenarioException e) {
                listener.refused(e.getMessage());
                return;
            }
            simulation = s;
            if (cancelled) {
                s.cancel();
            }
            listener.planned(s.plan());
            listener.started();
            report = s.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.failed("interrupted");
            return;
        } catch (RuntimeException e) {
            listener.failed("the run broke off: " + e);
            return;
        }
        // Told once the target is closed: a cluster the run started is stopped by then.
        listener.finished(report);
    }

    /** The run now; cheap (immutable copies of what the SDK clients publish). Any thread. */
    RunSnapshot snapshot() {
        Simulation s = simulation;
        long elapsed = System.nanoTime() - startedNanos;
        if (s == null) {
            return new RunSnapshot(null, List.of(), new SimulationReport.Publishing(0, 0, 0, 0, 0), 0, elapsed);
        }
        return new RunSnapshot(s.phase(), s.devices(), s.publishing(), s.failures(), elapsed);
    }

    /**
     * Carries out a chaos step now and returns its outcome; blocks while it is carried out.
     *
     * @throws IllegalStateException    not running (yet, or any more), or the gateway cannot do it
     * @throws IllegalArgumentException an unknown device or a setting out of range
     */
    String inject(String device, StepAction action, ManualChaos params) {
        Simulation s = simulation;
        if (s == null) {
            throw new IllegalStateException("the run has not started yet");
        }
        return s.inject(device, action, params);
    }

    /** Ends the run early (a CANCELLED verdict); returns at once, any thread, any time. */
    void cancel() {
        cancelled = true;
        Simulation s = simulation;
        if (s != null) {
            s.cancel();
        }
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }
}
