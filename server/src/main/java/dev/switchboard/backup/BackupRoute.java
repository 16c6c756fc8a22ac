package dev.switchboard.backup;

import dev.switchboard.audit.AuditLog;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.Authenticator;
import dev.switchboard.http.HttpCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /admin/backup} (admin token): answers a consistent copy of the running node's H2 event
 * log as a zip ({@link OnlineBackup}), which {@code switchboard backup} saves and {@code switchboard
 * restore} reads back. One backup at a time: a second while one runs answers 409 {@code
 * backup_running}; a log on PostgreSQL answers 409 {@code backup_unsupported} naming pg_dump.
 */
public final class BackupRoute {
    private static final Logger log = LoggerFactory.getLogger(BackupRoute.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Authenticator auth;
    private final AuditLog audit;
    private final OnlineBackup backup;
    private final String node;
    private final Clock clock;
    /** Set from the start of a backup until its file was sent and deleted. */
    private final AtomicBoolean running = new AtomicBoolean();

    public BackupRoute(Authenticator auth, AuditLog audit, DataSource dataSource, GatewayConfig config, Clock clock) {
        this.auth = auth;
        this.audit = audit;
        this.backup = new OnlineBackup(dataSource, config);
        this.node = config.nodeId();
        this.clock = clock;
    }

    public void register(ApiServer server) {
        server.route("POST", "/admin/backup", this::handle);
    }

    private void handle(HttpCall call) throws ApiException {
        String admin = auth.requireAdmin(call).userId();
        String unsupported = backup.unsupported();
        if (unsupported != null) {
            throw new ApiException(409, "backup_unsupported", unsupported);
        }
        if (!running.compareAndSet(false, true)) {
            throw new ApiException(409, "backup_running", "a backup of this node is being made; try again when it is done");
        }
        Path file;
        try {
            audit.record(admin, "backup", "node:" + node, null);
            long started = System.nanoTime();
            file = backup.write();
            log.info("backup for {} written in {} ms; sending it", admin, (System.nanoTime() - started) / 1_000_000);
        } catch (BackupException e) {
            running.set(false);
            throw ApiException.unavailable("backup failed: " + e.getMessage());
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        String name = "switchboard-" + node + "-" + FILE_TIME.format(clock.instant()) + ".zip";
        try {
            call.file(200, "application/zip", file, Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""),
                    () -> {
                        OnlineBackup.deleteQuietly(file);
                        running.set(false);
                    });
        } catch (IOException e) {
            OnlineBackup.deleteQuietly(file);
            running.set(false);
            throw ApiException.unavailable("backup failed: cannot read " + file + ": " + e.getMessage());
        }
    }
}
