package dev.switchboard.config;

import java.time.Duration;

/**
 * How the nodes of a shared PostgreSQL log learn of each other's commits (docs/cluster.md).
 *
 * @param redisUrl  Redis pub/sub carrying commits between nodes, or null to read them from the log only
 * @param logPoll   the longest a node leaves the log unread while Redis is down or not configured
 * @param busCheck  how often a node reads the log while Redis is up, to find commits whose message was lost
 */
public record ClusterSettings(String redisUrl, Duration logPoll, Duration busCheck) {
}
