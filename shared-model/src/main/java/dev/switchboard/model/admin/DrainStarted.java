package dev.switchboard.model.admin;

/** {@code POST /admin/drain}: the drain has begun; clients are closed after {@code graceMs}. */
public record DrainStarted(boolean draining, long graceMs) {
}
