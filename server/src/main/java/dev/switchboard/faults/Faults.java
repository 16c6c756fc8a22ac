package dev.switchboard.faults;

import dev.switchboard.model.admin.FaultList;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.gateway.Connection;
import dev.switchboard.gateway.WebSocketGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Faults injected through the admin API, per connection or per user (then on every connection of the
 * user, including ones that open while the fault lasts). Every fault expires; it can also be cleared.
 * A fault acts through a {@link FaultyDelivery} decorator on each connection it targets. Thread-safe.
 */
public final class Faults {
    private static final Logger log = LoggerFactory.getLogger(Faults.class);
    private static final String USER_TARGET = "user:";
    private static final String CONNECTION_TARGET = "connection:";

    /** Thrown for a request that names nothing to act on or asks for something impossible. */
    public static final class FaultException extends Exception {
        public final int status;

        FaultException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final WebSocketGateway gateway;
    /** Ends each fault when its duration is over. */
    private final ScheduledExecutorService timers;
    private final Map<String, Fault> active = new ConcurrentHashMap<>();
    private final Map<String, Fault> byUser = new ConcurrentHashMap<>();

    public Faults(WebSocketGateway gateway) {
        this.gateway = gateway;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fault-expiry");
            t.setDaemon(true);
            return t;
        });
        gateway.onConnected(this::connected);
    }

    /** Stops the expiry timer; faults still active end with their connections. */
    public void close() {
        timers.shutdownNow();
    }

    /**
     * Injects a fault. {@code kind} is drop, delay, duplicate, reorder or pause; {@code cut} is not a
     * lasting fault: it drops the TCP connections at once, without a close frame.
     */
    public FaultInfo inject(String connectionId, String userId, String kind, int count, long delayMs, int window,
                             long durationMs, String admin) throws FaultException {
        return inject(null, connectionId, userId, kind, count, delayMs, window, durationMs, admin);
    }

    /**
     * As above, under the id {@code id} when not null: a user's fault given on another node of the
     * cluster has the same id on every node, so one clear ends it everywhere.
     */
    public FaultInfo inject(String id, String connectionId, String userId, String kind, int count, long delayMs, int window,
                            long durationMs, String admin) throws FaultException {
        if ((connectionId == null) == (userId == null)) {
            throw new FaultException(422, "name exactly one of connectionId and userId");
        }
        List<Connection> targets = new ArrayList<>();
        if (connectionId != null) {
            Connection c = gateway.connection(connectionId);
            if (c == null) {
                throw new FaultException(404, "no open connection " + connectionId + " on this node");
            }
            targets.add(c);
        } else {
            targets.addAll(gateway.connectionsOf(userId));
        }
        String target = connectionId != null ? CONNECTION_TARGET + connectionId : USER_TARGET + userId;
        if (kind.equals("cut")) {
            return cut(targets, target, admin);
        }
        Fault.Kind k;
        try {
            k = Fault.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FaultException(422, "kind must be drop, delay, duplicate, reorder, pause or cut, got " + kind);
        }
        if (k == Fault.Kind.DROP && count < 1 || k == Fault.Kind.DELAY && delayMs < 1 || k == Fault.Kind.REORDER && window < 2
                || durationMs < 1) {
            throw new FaultException(422, "drop needs count >= 1, delay delayMs >= 1, reorder window >= 2,"
                    + " and durationMs must be positive");
        }
        String faultId = id != null ? id : newId();
        Fault fault = new Fault(faultId, k, count, delayMs, window, System.currentTimeMillis() + durationMs, admin, target);
        active.put(faultId, fault);
        if (userId != null) {
            byUser.put(userId, fault);
        }
        for (Connection c : targets) {
            c.decorate(FaultyDelivery.decorator(fault));
        }
        timers.schedule(() -> clear(faultId), durationMs, TimeUnit.MILLISECONDS);
        log.info("fault {} injected by {}: {} on {} ({} connections now)", faultId, admin, k.wire(), target, targets.size());
        return fault.info(targets.stream().map(Connection::id).toList());
    }

    /** A new fault id. */
    public static String newId() {
        return "f" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    private static FaultInfo cut(List<Connection> targets, String target, String admin) {
        List<String> cut = new ArrayList<>();
        for (Connection c : targets) {
            log.info("injected cut by {}: connection {} of user {} dropped without a close frame", admin, c.id(), c.userId());
            cut.add(c.id());
            c.drop("injected cut (QA)");
        }
        return new FaultInfo(null, "cut", target, null, null, null, null, null, cut);
    }

    /** A new connection of a user with an active user fault gets it too. */
    private void connected(Connection c) {
        Fault f = byUser.get(c.userId());
        if (f != null && active.containsKey(f.id())) {
            c.decorate(FaultyDelivery.decorator(f));
        }
    }

    /** Ends a fault everywhere; what it held back is sent now. False if there is no such fault. */
    public boolean clear(String faultId) {
        Fault f = active.remove(faultId);
        if (f == null) {
            return false;
        }
        byUser.values().removeIf(u -> u.id().equals(faultId));
        for (Connection c : gateway.openConnections()) {
            c.undecorate(faultId);
        }
        log.info("fault {} ({} on {}) ended", faultId, f.kind().wire(), f.target());
        return true;
    }

    /** The faults in force, each with the open connections it acts on now. */
    public FaultList list() {
        return new FaultList(active.values().stream().map(f -> f.info(affected(f))).toList());
    }

    /**
     * A user fault acts on every open connection of the user (new ones get it as they connect); a
     * connection fault on its connection while it is open.
     */
    private List<String> affected(Fault f) {
        if (f.target().startsWith(USER_TARGET)) {
            return gateway.connectionsOf(f.target().substring(USER_TARGET.length())).stream().map(Connection::id).toList();
        }
        String id = f.target().substring(CONNECTION_TARGET.length());
        return gateway.connection(id) == null ? List.of() : List.of(id);
    }
}
