package dev.switchboard.simulator.report;

/**
 * A timeline step as it was carried out: when (seconds after the load started), what, and with what outcome.
 *
 * @param manual injected by hand during the run ({@code Simulation.inject}) rather than written in the scenario;
 *               {@code plannedAt} is then the second it was asked for
 */
public record StepRecord(double plannedAt, double startedAt, String step, String outcome, boolean manual) {
}
