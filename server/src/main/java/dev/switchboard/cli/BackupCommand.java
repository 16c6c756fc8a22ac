package dev.switchboard.cli;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.backup.BackupClient;
import dev.switchboard.backup.BackupException;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** {@code switchboard backup}: saves a consistent copy of a running gateway's event log. */
final class BackupCommand {
    static final String DEFAULT_URL = "http://localhost:8080";
    /** The admin token's environment variable, so that it stays off the command line (and out of ps). */
    static final String TOKEN_ENV = "SWITCHBOARD_ADMIN_TOKEN";

    private BackupCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        String to = args.take("to");
        String url = args.take("url");
        String token = args.take("token");
        if (to == null || to.isBlank()) {
            throw new Args.UsageException("--to FILE is required");
        }
        if (token == null) {
            token = System.getenv(TOKEN_ENV);
        }
        String secret = ConfiguredSecret.read(args);
        if (token == null || token.isBlank()) {
            if (secret == null) {
                err.println("switchboard backup: needs an admin token: pass --token, set " + TOKEN_ENV + ", or configure");
                err.println("the gateway's token.secret (SWITCHBOARD_TOKEN_SECRET, --config FILE or --token-secret) to sign one.");
                return Main.USAGE;
            }
            // Short-lived: it only has to start the request.
            token = new TokenIssuer(secret, Clock.systemUTC()).issue("switchboard-backup", Role.ADMIN, null, Duration.ofMinutes(5));
        }
        URI gateway;
        try {
            gateway = URI.create(url == null ? DEFAULT_URL : url);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--url: " + e.getMessage());
        }
        try {
            BackupClient.Saved saved = new BackupClient().save(gateway, token, Path.of(to));
            out.println("backup written to " + saved.file() + " (" + saved.bytes() + " bytes; event log of "
                    + saved.logBytes() + " bytes)");
            return Main.OK;
        } catch (BackupException e) {
            err.println("switchboard backup: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("switchboard backup: interrupted; no backup written");
            return Main.FAILED;
        }
    }

    static String help() {
        return """
                Usage: switchboard backup --to FILE [--url URL] [--token ADMIN_TOKEN]
                                          [--config FILE] [--token-secret SECRET]

                Saves a consistent copy of a running gateway's H2 event log to FILE (a zip), while the
                gateway keeps serving: every event acknowledged before the backup began is in it.
                Restore it with 'switchboard restore'. For a log on PostgreSQL use pg_dump instead.

                  --to FILE       where to write the backup; an existing file is never overwritten
                  --url URL       the gateway's HTTP API (default: http://localhost:8080)
                  --token TOKEN   an admin token (or set SWITCHBOARD_ADMIN_TOKEN); without one, a
                                  short-lived admin token is signed with the gateway's token.secret,
                                  read from --config, SWITCHBOARD_TOKEN_SECRET or --token-secret

                Example:
                  SWITCHBOARD_TOKEN_SECRET=... switchboard backup --to /var/backups/switchboard-$(date +%F).zip
                """;
    }
}
