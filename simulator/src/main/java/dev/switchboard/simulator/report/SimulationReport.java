package dev.switchboard.simulator.report;

import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.Failure;

import java.util.List;
import java.util.Map;

/**
 * Everything a run found. {@link #passed()} is true when no assertion failed.
 *
 * @param replicas              copies of the scenario's cast that ran side by side
 * @param setupSeconds          grants, connecting and the first sync of every device
 * @param runSeconds            the load and the timeline
 * @param convergedAfterSeconds from the end of the load and the last step until every device had
 *                              converged; -1 when they had not by the deadline
 * @param failures              the first {@link dev.switchboard.simulator.check.Failures#KEEP}
 */
public record SimulationReport(String scenario, String description, String gateway, int replicas, int deviceCount,
                               double setupSeconds, double runSeconds, double convergedAfterSeconds,
                               Publishing publishing, List<StepRecord> steps, List<DeviceReport> devices,
                               Map<Assertion, Integer> failureCounts, int totalFailures, List<Failure> failures) {

    /** What the backend published: events due, confirmed (201/200), sent again with the same id, retried, given up. */
    public record Publishing(int due, int confirmed, int republished, long retries, int abandoned) {
    }

    public boolean passed() {
        return totalFailures == 0;
    }
}
