package dev.switchboard.simulator.report;

import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.Failure;

import java.util.List;
import java.util.Map;

/**
 * Everything a run found. {@link #passed()} is true when no assertion failed and the run was not cancelled.
 *
 * @param runId                 the run's id: on the gateway every user and room of the run starts with
 *                              {@code prefix} ({@code sim-<runId>.}); the report names them without it
 * @param replicas              copies of the scenario's cast that ran side by side
 * @param setupSeconds          grants, connecting and the first sync of every device
 * @param runSeconds            the load and the timeline, and the chaos injected by hand during the run
 * @param convergedAfterSeconds from the end of the load, the last step and the last step injected by
 *                              hand until every device had converged; -1 when they had not by the
 *                              deadline (or the run was cancelled)
 * @param failures              the first {@link dev.switchboard.simulator.check.Failures#KEEP}
 * @param cancelled             the run was stopped early ({@code Simulation.cancel}): what ran is reported, but
 *                              convergence was not judged, so it has not passed
 */
public record SimulationReport(String scenario, String description, String runId, String prefix, String gateway, int replicas, int deviceCount,
                               double setupSeconds, double runSeconds, double convergedAfterSeconds,
                               Publishing publishing, List<StepRecord> steps, List<DeviceReport> devices,
                               Map<Assertion, Integer> failureCounts, int totalFailures, List<Failure> failures,
                               boolean cancelled) {

    /** What the backend published: events due, confirmed (201/200), sent again with the same id, retried, given up. */
    public record Publishing(int due, int confirmed, int republished, long retries, int abandoned) {
    }

    public boolean passed() {
        return !cancelled && totalFailures == 0;
    }

    /** {@code CANCELLED} (whatever it found until then), else {@code PASSED} or {@code FAILED}. */
    public String verdict() {
        return cancelled ? "CANCELLED" : passed() ? "PASSED" : "FAILED";
    }
}
