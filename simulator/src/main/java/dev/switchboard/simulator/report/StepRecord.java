package dev.switchboard.simulator.report;

/** A timeline step as it was carried out: when (seconds after the load started), what, and with what outcome. */
public record StepRecord(double plannedAt, double startedAt, String step, String outcome) {
}
