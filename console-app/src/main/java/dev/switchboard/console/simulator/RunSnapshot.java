package dev.switchboard.console.simulator;

import dev.switchboard.console.ui.Format;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.run.DeviceStatus;
import dev.switchboard.simulator.run.Simulation;

import java.util.List;

/**
 * A run as it stands at one moment, taken off the UI thread ({@link LiveRun#snapshot()}) and applied
 * on it in one go. Immutable.
 *
 * @param phase        the simulation's phase, or null while the console still connects its target
 * @param devices      every device, in the scenario's order (empty before CONNECTING)
 * @param publishing   the backend's figures so far
 * @param failures     assertion failures so far
 * @param elapsedNanos since Run was pressed
 */
record RunSnapshot(Simulation.Phase phase, List<DeviceStatus> devices, SimulationReport.Publishing publishing,
                   int failures, long elapsedNanos) {

    long connected() {
        return devices.stream().filter(d -> "CONNECTED".equals(d.state())).count();
    }

    /** {@code Running · published 96/160 · connected 3/3 · failures 0}, for the line above the table. */
    String line() {
        if (phase == null) {
            return "Starting · connecting to the gateway";
        }
        StringBuilder b = new StringBuilder(switch (phase) {
            case GRANTING -> "Granting rooms";
            case CONNECTING -> "Connecting devices";
            case RUNNING -> "Running";
            case CONVERGING -> "Converging";
            case CONVERGED -> "Converged";
            case DONE -> "Done";
        });
        if (publishing.due() > 0) {
            b.append(" · published ").append(Format.count(publishing.confirmed())).append('/')
                    .append(Format.count(publishing.due()));
        }
        if (!devices.isEmpty()) {
            b.append(" · connected ").append(connected()).append('/').append(devices.size());
        }
        return b.append(" · failures ").append(failures).toString();
    }

    /** Published over due, or -1 (indeterminate) before the load has started. */
    double progress() {
        return publishing.due() == 0 ? -1 : (double) publishing.confirmed() / publishing.due();
    }
}
