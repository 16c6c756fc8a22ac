package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Faults injected through the admin API, per connection or per user (then on every connection of the
 * user, including ones that open while the fault lasts). Every fault expires; it can also be cleared.
 * Thread-safe.
 */
public final class Faults {
    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    /** Thrown for a request that names nothing to act on or asks for something impossible. */
    public static final class FaultException extends Exception {
        public final int status;

        FaultException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final SessionRegistry sessions;
    private final ScheduledExecutorService timers;
    private final Map<String, Fault> active = new ConcurrentHashMap<>();
    private final Map<String, Fault> byUser = new ConcurrentHashMap<>();

    Faults(SessionRegistry sessions, ScheduledExecutorService timers) {
        this.sessions = sessions;
        this.timers = timers;
    }

    /**
     * Injects a fault. {@code kind} is drop, delay, duplicate, reorder or pause; {@code cut} is not a
     * lasting fault: it drops the TCP connections at once, without a close frame.
     */
    public ObjectNode inject(String connectionId, String userId, String kind, int count, long delayMs, int window,
                             long durationMs, String admin) throws FaultException {
        if ((connectionId == null) == (userId == null)) {
            throw new FaultException(422, "name exactly one of connectionId and userId");
        }
        List<Session> targets = new ArrayList<>();
        if (connectionId != null) {
            Session s = sessions.get(connectionId);
            if (s == null) {
                throw new FaultException(404, "no open connection " + connectionId + " on this node");
            }
            targets.add(s);
        } else {
            targets.addAll(sessions.ofUser(userId));
        }
        String target = connectionId != null ? "connection:" + connectionId : "user:" + userId;
        if (kind.equals("cut")) {
            ObjectNode out = Json.object();
            out.put("kind", "cut");
            out.put("target", target);
            ArrayNode cut = out.putArray("connections");
            for (Session s : targets) {
                log.info("injected cut by {}: connection {} of user {} dropped without a close frame", admin, s.id, s.userId());
                cut.add(s.id);
                s.drop("injected cut (QA)");
            }
            return out;
        }
        Fault.Kind k;
        try {
            k = Fault.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FaultException(422, "kind must be drop, delay, duplicate, reorder, pause or cut, got " + kind);
        }
        if (k == Fault.Kind.DROP && count < 1 || k == Fault.Kind.DELAY && delayMs < 1 || k == Fault.Kind.REORDER && window < 2
                || durationMs < 1) {
            throw new FaultException(422, "drop needs count >= 1, delay delayMs >= 1, reorder window >= 2,"
                    + " and durationMs must be positive");
        }
        String id = "f" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        Fault fault = new Fault(id, k, count, delayMs, window, System.currentTimeMillis() + durationMs, admin, target);
        active.put(id, fault);
        if (userId != null) {
            byUser.put(userId, fault);
        }
        for (Session s : targets) {
            s.setFault(fault.copy());
        }
        timers.schedule(() -> clear(id), durationMs, TimeUnit.MILLISECONDS);
        log.info("fault {} injected by {}: {} on {} ({} connections now)", id, admin, k.wire(), target, targets.size());
        ObjectNode out = fault.toJson();
        ArrayNode on = out.putArray("connections");
        targets.forEach(s -> on.add(s.id));
        return out;
    }

    /** A new connection of a user with an active user fault gets it too. */
    void connected(Session s) {
        Fault f = byUser.get(s.userId());
        if (f != null && active.containsKey(f.id)) {
            s.setFault(f.copy());
        }
    }

    /** Ends a fault everywhere; what it held back is sent now. False if there is no such fault. */
    public boolean clear(String faultId) {
        Fault f = active.remove(faultId);
        if (f == null) {
            return false;
        }
        byUser.values().removeIf(u -> u.id.equals(faultId));
        for (Session s : sessions.all()) {
            s.clearFault(faultId);
        }
        log.info("fault {} ({} on {}) ended", faultId, f.kind.wire(), f.target);
        return true;
    }

    public ArrayNode list() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        active.values().forEach(f -> out.add(f.toJson()));
        return out;
    }
}
