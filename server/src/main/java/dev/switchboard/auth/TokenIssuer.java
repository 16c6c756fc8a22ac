package dev.switchboard.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Mints HS256 tokens: for {@code switchboard token}, the console, tests and simulated clients. */
public final class TokenIssuer {
    private final Algorithm algorithm;
    private final Clock clock;

    public TokenIssuer(String secret, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
    }

    public String issue(String userId, Role role, String deviceId, Duration ttl) {
        Instant now = clock.instant();
        JWTCreator.Builder b = JWT.create()
                .withSubject(userId)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .withClaim("role", role.wire());
        if (deviceId != null) {
            b.withClaim("device", deviceId);
        }
        return b.sign(algorithm);
    }
}
