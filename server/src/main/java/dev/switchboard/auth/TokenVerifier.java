package dev.switchboard.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import dev.switchboard.model.room.RoomName;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies HS256 tokens (PROTOCOL.md §1). Verified tokens are remembered until they expire, because
 * a backend sends the same service token with every publish and HMAC + JSON decoding is a real share
 * of a publish's CPU. The expiry is still checked against the clock on every call.
 *
 * <p>Thread-safe: called from every HTTP worker and, later, every WebSocket handshake.
 */
public final class TokenVerifier {
    private static final int CACHE_LIMIT = 10_000;

    private final JWTVerifier verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, Principal> verified = new ConcurrentHashMap<>();

    public TokenVerifier(String secret, Clock clock) {
        this.clock = clock;
        com.auth0.jwt.JWTVerifier.BaseVerification verification =
                (com.auth0.jwt.JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(secret));
        this.verifier = verification.build(clock);
    }

    public Principal verify(String token) throws AuthException {
        if (token == null || token.isBlank()) {
            throw new AuthException("a bearer token is required");
        }
        Principal known = verified.get(token);
        if (known != null) {
            return checkExpiry(known);
        }
        Principal principal = decode(token);
        if (verified.size() >= CACHE_LIMIT) {
            // Coarse but bounded: tokens are cheap to verify again.
            verified.clear();
        }
        verified.put(token, principal);
        return principal;
    }

    private Principal decode(String token) throws AuthException {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new AuthException("token expired");
        } catch (SignatureVerificationException e) {
            throw new AuthException("token signature is invalid");
        } catch (AlgorithmMismatchException e) {
            throw new AuthException("token must be signed with HS256");
        } catch (JWTVerificationException e) {
            throw new AuthException("token is invalid: " + e.getMessage());
        }
        if (!jwt.getHeaderClaim("crit").isMissing()) {
            // RFC 7515 §4.1.11: a token whose crit names an extension the recipient does not understand
            // must be refused, and this verifier understands none.
            throw new AuthException("token header has crit; no JWS extension is supported");
        }
        String sub = jwt.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new AuthException("token has no sub claim");
        }
        if (!validSubject(sub)) {
            throw new AuthException(AuthException.INVALID_SUBJECT, "token sub must be a room id, 1-128 of"
                    + " [A-Za-z0-9._@-]: its user room user:{sub} is set up on connect");
        }
        if (jwt.getExpiresAtAsInstant() == null) {
            throw new AuthException("token has no exp claim");
        }
        String roleClaim = jwt.getClaim("role").isMissing() || jwt.getClaim("role").isNull()
                ? "user" : jwt.getClaim("role").asString();
        Role role = Role.parse(roleClaim)
                .orElseThrow(() -> new AuthException("token role must be user, service or admin"));
        String device = jwt.getClaim("device").asString();
        return checkExpiry(new Principal(sub, role, device, jwt.getExpiresAtAsInstant()));
    }

    private Principal checkExpiry(Principal p) throws AuthException {
        if (!clock.instant().isBefore(p.expiresAt())) {
            throw new AuthException("token expired");
        }
        return p;
    }

    /**
     * A user id the gateway accepts: one that makes a valid room id (PROTOCOL.md §2), because every
     * connection is put in {@code user:{sub}}. Identity-provider ids such as {@code auth0|123} are not:
     * the backend that mints tokens maps them to such an id.
     */
    public static boolean validSubject(String sub) {
        return sub != null && RoomName.isValid(RoomName.USER_KIND + ":" + sub);
    }

    /** Extracts the token of an {@code Authorization: Bearer ...} header, or null. */
    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null) {
            return null;
        }
        String h = authorizationHeader.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        return null;
    }
}
