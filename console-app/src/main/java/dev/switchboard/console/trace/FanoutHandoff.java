package dev.switchboard.console.trace;

import java.time.Instant;

/** The event handed to the fanout of {@code node} at {@code at}, {@code lagMs} after its commit. Immutable. */
public record FanoutHandoff(String node, Instant at, double lagMs) {
}
