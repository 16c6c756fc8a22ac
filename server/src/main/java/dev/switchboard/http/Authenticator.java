package dev.switchboard.http;

import dev.switchboard.auth.AuthException;
import dev.switchboard.auth.Principal;
import dev.switchboard.auth.TokenVerifier;
import java.util.function.Predicate;

/** Turns a request's bearer token into a {@link Principal}, or a 401/403 answer. */
public final class Authenticator {
    private final TokenVerifier verifier;

    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public Principal authenticate(HttpCall call) throws ApiException {
        String header = call.header("Authorization");
        String token = TokenVerifier.bearer(header);
        if (token == null && header != null) {
            throw ApiException.unauthorized("Authorization must be 'Bearer <token>'");
        }
        try {
            return verifier.verify(token);
        } catch (AuthException e) {
            throw new ApiException(401, e.code(), e.getMessage());
        }
    }

    public Principal requirePublisher(HttpCall call) throws ApiException {
        return require(call, p -> p.role().mayPublish(), "publish");
    }

    public Principal requireAclManager(HttpCall call) throws ApiException {
        return require(call, p -> p.role().mayManageAcl(), "manage the ACL");
    }

    private Principal require(HttpCall call, Predicate<Principal> allowed, String what)
            throws ApiException {
        Principal p = authenticate(call);
        if (!allowed.test(p)) {
            throw ApiException.forbidden("role " + p.role().wire() + " may not " + what
                    + "; a service or admin token is needed");
        }
        return p;
    }

    public Principal requireAdmin(HttpCall call) throws ApiException {
        Principal p = authenticate(call);
        if (!p.role().mayAdminister()) {
            throw ApiException.forbidden("role " + p.role().wire() + " may not use /admin; an admin token is needed");
        }
        return p;
    }
}
