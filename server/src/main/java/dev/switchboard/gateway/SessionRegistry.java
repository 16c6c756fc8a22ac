package dev.switchboard.gateway;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open session of this node, indexed by user (for revokes and the per-user limit) and counted by
 * remote address (for the per-address limit). Thread-safe.
 */
final class SessionRegistry {
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Integer> perIp = new ConcurrentHashMap<>();

    enum Admission { ADMITTED, TOO_MANY_FOR_USER, TOO_MANY_FOR_IP }

    /** Registers the session unless it would exceed a limit; the checks and the insert are atomic. */
    synchronized Admission admit(Session s, int maxPerUser, int maxPerIp) {
        Set<Session> mine = byUser.get(s.userId());
        if (mine != null && mine.size() >= maxPerUser) {
            return Admission.TOO_MANY_FOR_USER;
        }
        if (perIp.getOrDefault(s.remoteIp, 0) >= maxPerIp) {
            return Admission.TOO_MANY_FOR_IP;
        }
        byId.put(s.id, s);
        byUser.computeIfAbsent(s.userId(), u -> ConcurrentHashMap.newKeySet()).add(s);
        perIp.merge(s.remoteIp, 1, Integer::sum);
        return Admission.ADMITTED;
    }

    synchronized boolean remove(Session s) {
        if (byId.remove(s.id) == null) {
            return false;
        }
        Set<Session> mine = byUser.get(s.userId());
        if (mine != null) {
            mine.remove(s);
            if (mine.isEmpty()) {
                byUser.remove(s.userId());
            }
        }
        perIp.computeIfPresent(s.remoteIp, (ip, n) -> n <= 1 ? null : n - 1);
        return true;
    }

    Collection<Session> all() {
        return byId.values();
    }

    Collection<Session> ofUser(String userId) {
        Set<Session> mine = byUser.get(userId);
        return mine == null ? Set.of() : mine;
    }

    Session get(String id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }
}
