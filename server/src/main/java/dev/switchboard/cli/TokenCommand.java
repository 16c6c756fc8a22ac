package dev.switchboard.cli;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.config.Durations;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/** {@code switchboard token}: prints a JWT signed with the configured secret. */
final class TokenCommand {
    private TokenCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        String user = args.take("user");
        String device = args.take("device");
        String roleText = args.take("role");
        String ttlText = args.take("ttl");
        if (user == null || user.isBlank()) {
            throw new Args.UsageException("--user is required");
        }
        if (!TokenVerifier.validSubject(user)) {
            throw new Args.UsageException("--user must be 1-128 of the characters A-Z a-z 0-9 . _ @ - (the gateway"
                    + " refuses any other sub with 401 invalid_subject), got '" + user + "'");
        }
        Role role = Role.parse(roleText == null ? "user" : roleText)
                .orElseThrow(() -> new Args.UsageException("--role must be user, service or admin, got '" + roleText + "'"));
        Duration ttl;
        try {
            ttl = Durations.parse(ttlText == null ? "1h" : ttlText);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--ttl: " + e.getMessage());
        }
        String secret = ConfiguredSecret.read(args);
        if (secret == null) {
            err.println("switchboard token: token.secret is not configured. Set SWITCHBOARD_TOKEN_SECRET, put token.secret");
            err.println("in the file given with --config, or pass --token-secret: the gateway must use the same secret.");
            return Main.USAGE;
        }
        out.println(new TokenIssuer(secret, Clock.systemUTC()).issue(user, role, device, ttl));
        return Main.OK;
    }

    static String help() {
        return """
                Usage: switchboard token --user ID [--role user|service|admin] [--device ID] [--ttl 1h]
                                         [--config FILE] [--token-secret SECRET]

                Prints a JWT (HS256) signed with token.secret, read like the gateway reads it: from the
                file given with --config, then SWITCHBOARD_TOKEN_SECRET, then --token-secret.

                  --user ID       the token's sub: the user id (required), 1-128 of A-Z a-z 0-9 . _ @ -
                  --role ROLE     user (default): connects and joins rooms the ACL allows;
                                  service: publishes, reads every room, manages the ACL;
                                  admin: everything a service may, plus /admin and the admin stream
                  --device ID     the token's device claim (optional)
                  --ttl DURATION  lifetime, like 30s, 15m, 1h (default), 7d

                Example:
                  SWITCHBOARD_TOKEN_SECRET=... switchboard token --user alice --device phone --role user --ttl 1h
                """;
    }
}
