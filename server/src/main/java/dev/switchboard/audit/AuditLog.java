package dev.switchboard.audit;

import dev.switchboard.eventlog.EventLogException;
import dev.switchboard.model.admin.AuditTrail;
import dev.switchboard.model.event.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who did what through the admin API, stored before the action's answer is sent (an action whose
 * audit row cannot be written is refused). Ids are time-ordered. Thread-safe.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private final DataSource dataSource;
    private final Clock clock;
    private final String node;

    public AuditLog(DataSource dataSource, Clock clock, String node) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.node = node;
    }

    public void record(String admin, String action, String target, String detail) {
        long at = clock.millis();
        long id = at * 1_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO admin_audit (id, at, node, admin, action, target, detail)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, at);
            ps.setString(3, node);
            ps.setString(4, admin);
            ps.setString(5, action);
            ps.setString(6, target);
            ps.setString(7, detail == null || detail.length() <= 2048 ? detail : detail.substring(0, 2048));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot write the audit log: " + e.getMessage(), e);
        }
        log.info("admin {}: {} {} {}", admin, action, target == null ? "" : target, detail == null ? "" : detail);
    }

    public AuditTrail recent(int limit) {
        List<AuditTrail.Entry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT at, node, admin, action, target, detail FROM admin_audit"
                     + " ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditTrail.Entry(Timestamps.format(Instant.ofEpochMilli(rs.getLong(1))), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read the audit log: " + e.getMessage(), e);
        }
        return new AuditTrail(out);
    }
}
