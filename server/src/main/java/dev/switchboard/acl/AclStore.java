package dev.switchboard.acl;

import dev.switchboard.eventlog.EventLogException;
import dev.switchboard.eventlog.SqlStates;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who may join which room, stored beside the event log. Grants and revokes are idempotent. Revoke
 * listeners (the gateway, to cut live connections) are told after the revoke is committed.
 * Thread-safe: every call borrows its own pooled connection.
 */
public final class AclStore {
    /**
     * Told when a member was removed, on the thread that revoked (an HTTP worker). May throw
     * {@link EventLogException} when the revoke could not take its whole effect; the caller is told.
     */
    @FunctionalInterface
    public interface RevokeListener {
        void revoked(String room, String userId);
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final List<RevokeListener> listeners = new CopyOnWriteArrayList<>();

    public AclStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void addRevokeListener(RevokeListener listener) {
        listeners.add(listener);
    }

    /** Grants {@code userId} access to {@code room}; granting twice is a no-op. */
    public void grant(String room, String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO acl_members (room, user_id, granted_at) VALUES (?, ?, ?)")) {
            ps.setString(1, room);
            ps.setString(2, userId);
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!SqlStates.isDuplicateKey(e)) {
                throw EventLogException.unavailable("cannot grant " + userId + " on " + room + ": " + e.getMessage(), e);
            }
        }
    }

    /** Revokes; revoking what was never granted is a no-op, but listeners hear of every revoke. */
    public void revoke(String room, String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM acl_members WHERE room = ? AND user_id = ?")) {
            ps.setString(1, room);
            ps.setString(2, userId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot revoke " + userId + " on " + room + ": " + e.getMessage(), e);
        }
        for (RevokeListener l : listeners) {
            l.revoked(room, userId);
        }
    }

    public List<String> members(String room) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT user_id FROM acl_members WHERE room = ? ORDER BY user_id")) {
            ps.setString(1, room);
            List<String> members = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(rs.getString(1));
                }
            }
            return members;
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read the ACL of " + room + ": " + e.getMessage(), e);
        }
    }

    public boolean isMember(String room, String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM acl_members WHERE room = ? AND user_id = ?")) {
            ps.setString(1, room);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read the ACL of " + room + ": " + e.getMessage(), e);
        }
    }
}
