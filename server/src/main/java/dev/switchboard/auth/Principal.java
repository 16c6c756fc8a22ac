package dev.switchboard.auth;

import java.time.Instant;

/**
 * Who a verified token speaks for.
 *
 * @param deviceId the token's {@code device} claim, or null
 */
public record Principal(String userId, Role role, String deviceId, Instant expiresAt) {
}
