package dev.switchboard.console.trace;

import java.time.Instant;

/**
 * One piece of evidence behind a device's fate, as the gateway lists it ({@code observations}):
 * what was seen ({@code delivered}, {@code acknowledged}, {@code dropped}, {@code replayed on join},
 * {@code read over HTTP} …), when, on which connection and node, and the remaining facts
 * ({@code reason=injected_drop injected=true}, {@code ackedTo=4}) as one line. Immutable.
 */
public record Observation(String what, Instant at, String connectionId, String node, String facts) {
}
