package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.fanout.RedisCarrier;
import dev.switchboard.gateway.ClusterPresence;
import dev.switchboard.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries presence between the nodes of a cluster over Redis pub/sub, on a channel of its own
 * (docs/cluster.md, "Presence"): each of this node's changes as it happens; everything this node holds
 * when another node asks (its link to Redis came up: after a start, an outage, a reconnect), in parts
 * between a begin and an end, so the asker can tell who left meanwhile; and, from the node registry's
 * heartbeats, the members of a node that died or stopped leave.
 *
 * <p>Presence is ephemeral and best-effort, as on one node: while Redis is away other nodes' changes
 * do not arrive (their members stay as they were), and the sync when it is back puts every node right.
 *
 * <p>Threads: changes are handed over under their room's presence lock and sent, in that order, by one
 * thread ({@code presence-relay}), which also reads and sends this node's full list, so a room's list
 * and its later changes leave in the order they happened; messages arrive on Lettuce's thread; dead
 * nodes are checked on the registry's heartbeat thread.
 */
public final class PresenceBridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceBridge.class);
    /** Members per sync message: a message stays well under a megabyte even at 1 KiB of state each. */
    static final int PART = 200;
    /** Changes that may wait to be sent; beyond, they are dropped and a full sync is sent instead. */
    private static final int QUEUE = 50_000;

    private final ClusterPresence presence;
    private final RedisCarrier carrier;
    private final ThreadPoolExecutor relay;
    /**
     * The start time of each other node as its messages give it: a registry row about an earlier run of
     * a node (stopped, or dead) does not remove the members of its run that started since.
     */
    private final Map<String, Long> heard = new ConcurrentHashMap<>();
    /** The run (start time) of each node whose members were dropped; heartbeat thread only. */
    private final Map<String, Long> droppedRuns = new HashMap<>();
    /** This node's start (as in the registry), sent with each message. */
    private final long startedAt;
    private final AtomicBoolean resyncQueued = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    public PresenceBridge(ClusterPresence presence, RedisCarrier carrier, long startedAt) {
        this.presence = presence;
        this.carrier = carrier;
        this.startedAt = startedAt;
        this.relay = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "presence-relay");
            t.setDaemon(true);
            return t;
        }, (task, pool) -> overflow());
        presence.relayTo((m, action) -> relay.execute(() -> send(change(m, action))));
        carrier.presence(new RedisCarrier.PresenceSink() {
            @Override
            public void received(JsonNode message) {
                onMessage(message);
            }

            @Override
            public void linkUp() {
                // Others may have changed while this node could not hear them, and they may have missed
                // this node's changes: ask for everything, and tell everything.
                relay.execute(() -> {
                    send(Json.object().put("type", "sync-request"));
                    sendAll();
                });
            }
        });
    }

    /** The queue is full (Redis slower than the changes): this change is lost, so everything is sent again once. */
    private void overflow() {
        if (dropped.getAndIncrement() % 1000 == 0) {
            log.warn("presence: {} changes could not be queued for the other nodes; sending this node's full list", dropped.get());
        }
        if (resyncQueued.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    relay.getQueue().put(() -> {
                        resyncQueued.set(false);
                        sendAll();
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "presence-resync");
            t.setDaemon(true);
            t.start();
        }
    }

    private void send(ObjectNode message) {
        carrier.sendPresence(message.put("started", startedAt));
    }

    private static ObjectNode change(ClusterPresence.Member m, String action) {
        return member(Json.object().put("type", "change").put("action", action), m);
    }

    private static ObjectNode member(ObjectNode o, ClusterPresence.Member m) {
        o.put("room", m.room()).put("user", m.userId()).put("device", m.deviceId()).put("conn", m.connectionId());
        o.set("state", m.state());
        return o;
    }

    /** This node's full list, in parts between a begin and an end; on the relay thread. */
    private void sendAll() {
        long sync = ThreadLocalRandom.current().nextLong() >>> 1;
        send(Json.object().put("type", "sync-begin").put("sync", sync));
        List<ClusterPresence.Member> all = presence.localMembers();
        for (int from = 0; from < all.size(); from += PART) {
            ObjectNode part = Json.object().put("type", "sync-part").put("sync", sync);
            ArrayNode members = part.putArray("members");
            for (ClusterPresence.Member m : all.subList(from, Math.min(all.size(), from + PART))) {
                member(members.addObject(), m);
            }
            send(part);
        }
        send(Json.object().put("type", "sync-end").put("sync", sync));
    }

    private void onMessage(JsonNode m) {
        String from = m.path("node").asText();
        heard.merge(from, m.path("started").asLong(), Math::max);
        switch (m.path("type").asText()) {
            case "change" -> presence.apply(member(from, m), m.path("action").asText());
            case "sync-request" -> relay.execute(this::sendAll);
            case "sync-begin" -> presence.beginSync(from, m.path("sync").asLong());
            case "sync-part" -> {
                List<ClusterPresence.Member> members = new ArrayList<>();
                for (JsonNode item : m.path("members")) {
                    members.add(member(from, item));
                }
                presence.synced(from, m.path("sync").asLong(), members);
            }
            case "sync-end" -> presence.endSync(from, m.path("sync").asLong());
            default -> log.debug("presence: message of unknown type {} from {}", m.path("type").asText(), from);
        }
    }

    private static ClusterPresence.Member member(String from, JsonNode o) {
        JsonNode state = o.path("state");
        return new ClusterPresence.Member(from, o.path("room").asText(), o.path("user").asText(), o.path("device").asText(),
                o.path("conn").asText(), state.isObject() ? state : null);
    }

    /**
     * The registry's view of the nodes: the members of one dead or stopped leave, unless its messages
     * come from a later run than the row describes (it restarted; its row is not updated yet).
     * Heartbeat thread.
     */
    public void nodes(List<NodeRegistry.Node> nodes) {
        for (NodeRegistry.Node n : nodes) {
            if (n.node().equals(presence.node()) || !(n.state().equals("dead") || n.state().equals("stopped"))) {
                continue;
            }
            Long run = heard.get(n.node());
            // once per run of a node: a row that stays dead or stopped costs nothing on later heartbeats
            if ((run == null || run <= n.startedAt()) && !Long.valueOf(n.startedAt()).equals(droppedRuns.get(n.node()))) {
                presence.dropNode(n.node());
                droppedRuns.put(n.node(), n.startedAt());
            }
        }
    }

    /** Changes that could not be queued for the other nodes since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Stops relaying; what is queued (the leaves of a closing node's sockets) is sent first, for up to a second. */
    @Override
    public void close() {
        presence.relayTo(null);
        relay.shutdown();
        try {
            if (!relay.awaitTermination(1, TimeUnit.SECONDS)) {
                relay.shutdownNow();
            }
        } catch (InterruptedException e) {
            relay.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
