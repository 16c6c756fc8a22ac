package dev.switchboard.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP listener's protective limits, one configuration key each (docs/security.md lists them all).
 *
 * @param maxConnections       open TCP connections; at the limit accepting pauses
 * @param maxHeaderBytes       request line plus headers; larger answers 431
 * @param headerTimeout        first byte of a request to the end of its headers
 * @param bodyTimeout          how long a request body may take to arrive (408 after)
 * @param idleTimeout          a connection with no traffic for this long is closed
 * @param maxBufferedBodyBytes body bytes held for all requests together while being read
 * @param corsOrigins          browser origins allowed to call the API (empty: none)
 */
public record HttpLimits(int maxConnections, int maxHeaderBytes, Duration headerTimeout, Duration bodyTimeout,
                         Duration idleTimeout, long maxBufferedBodyBytes, List<String> corsOrigins) {
}
