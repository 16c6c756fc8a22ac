package dev.switchboard.config;

import java.time.Duration;

/**
 * What the event log keeps (docs/event-log.md, "Retention"): each room stream's last
 * {@code perRoom} events, nothing older than {@code maxAge}, and no more than {@code maxSizeBytes}
 * of live data; zero turns a bound off. Retention runs every {@code interval}, in batches of
 * {@code batchRows} rows between two group commits, and compacts the H2 file for at most
 * {@code compactTime} per run.
 */
public record RetentionLimits(long perRoom, Duration maxAge, long maxSizeBytes, int batchRows, Duration interval,
                              Duration compactTime) {
}
