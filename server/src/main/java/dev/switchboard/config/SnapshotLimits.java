package dev.switchboard.config;

/**
 * What one snapshot request may cost: resources and payload bytes per page, and pages read at once
 * on the node. Together they bound the memory snapshots can take (about {@code maxConcurrent} ×
 * {@code pageBytes}, plus one oversized resource each).
 */
public record SnapshotLimits(int pageResources, int pageBytes, int maxConcurrent) {
}
