package dev.switchboard.config;

import java.time.Duration;
import java.util.Set;

/**
 * The WebSocket listener's protective limits (PROTOCOL.md §4), one configuration key each.
 *
 * @param maxFrameBytes         largest incoming message; larger closes with 1009
 * @param maxOutgoingBytes      unread bytes queued for one connection before it is cut with 4009
 * @param slowConsumerTimeout   how long a 4009'd connection may take to close before its socket is dropped
 * @param messagesPerSecond     sustained incoming frames per connection (bursts of twice that)
 * @param presencePerSecond     presence updates per connection
 * @param connectionsPerUser    open connections per user on this node
 * @param connectionsPerIp      open connections per remote address on this node
 * @param badFramesPerMinute    refused frames tolerated per minute before closing with 4000
 * @param sessionThreads        threads running joins and other requests that touch the database
 * @param handshakeTimeout      how long a TCP connection may take to complete its upgrade
 * @param maxTotalBacklogBytes  unread bytes of all connections together before publishes are refused
 * @param maxHandshakeBytes     bytes of an upgrade request's head before it must have ended (431)
 * @param maxConnections        open TCP connections to the WebSocket port, upgraded or not
 * @param maxAppLabels          distinct {@code ?app=} values with a metric series of their own
 * @param allowedOrigins        browser origins allowed to upgrade (lower case, no trailing slash); empty: all
 */
public record WebSocketLimits(int maxFrameBytes, int maxOutgoingBytes, Duration slowConsumerTimeout,
                              int messagesPerSecond, int presencePerSecond, int connectionsPerUser,
                              int connectionsPerIp, int badFramesPerMinute, int sessionThreads,
                              Duration handshakeTimeout, long maxTotalBacklogBytes, int maxHandshakeBytes,
                              int maxConnections, int maxAppLabels, Set<String> allowedOrigins) {
}
