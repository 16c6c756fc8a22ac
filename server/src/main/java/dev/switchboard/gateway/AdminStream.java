package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The admin stream ({@code GET /admin/ws}, docs/admin-api.md): a snapshot, then deltas (connections
 * opened and closed, joins and leaves, events published, delivery failures, stats once a second).
 * Deltas are collected per console and sent every {@link #FLUSH_MILLIS} ms as one frame; a console
 * that does not keep up gets the newest {@link #MAX_PENDING} deltas and a count of the ones coalesced
 * away, never an unbounded buffer. With no console connected, publishing a delta costs one check.
 */
final class AdminStream {
    private static final Logger log = LoggerFactory.getLogger(AdminStream.class);
    static final long FLUSH_MILLIS = 250;
    static final int MAX_PENDING = 2_000;
    /** A console with more than this many frames still queued is skipped until it reads. */
    private static final int MAX_QUEUED_FRAMES = 8;
    static final Set<String> TOPICS = Set.of("connections", "rooms", "events", "failures", "stats");

    /** One console. Its fields are guarded by its monitor. */
    static final class Console {
        final WebSocketImpl connection;
        final String admin;
        Set<String> topics = TOPICS;
        String room;
        String user;
        final ArrayDeque<ObjectNode> pending = new ArrayDeque<>();
        ObjectNode stats;
        long coalesced;

        Console(WebSocketImpl connection, String admin) {
            this.connection = connection;
            this.admin = admin;
        }

        synchronized void offer(String topic, ObjectNode delta) {
            if (!topics.contains(topic) || !matches(delta)) {
                return;
            }
            if (topic.equals("stats")) {
                stats = delta; // only the latest matters
                return;
            }
            if (pending.size() >= MAX_PENDING) {
                pending.pollFirst();
                coalesced++;
            }
            pending.add(delta);
        }

        private boolean matches(ObjectNode delta) {
            if (room != null) {
                JsonNode r = delta.get("room");
                JsonNode rooms = delta.get("rooms");
                boolean hit = (r != null && r.asText().equals(room)) || (rooms != null && rooms.has(room));
                if (!hit && (r != null || rooms != null)) {
                    return false;
                }
            }
            if (user != null) {
                JsonNode u = delta.get("userId");
                return u == null || u.asText().equals(user);
            }
            return true;
        }

        /** The frame to send now, or null. */
        synchronized String drain() {
            if (pending.isEmpty() && stats == null) {
                return null;
            }
            if (connection.outQueue.size() > MAX_QUEUED_FRAMES) {
                return null; // the console is behind: keep coalescing
            }
            ObjectNode frame = Json.object();
            frame.put("op", "deltas");
            ArrayNode items = frame.putArray("items");
            pending.forEach(items::add);
            pending.clear();
            if (stats != null) {
                frame.set("stats", stats);
                stats = null;
            }
            frame.put("coalesced", coalesced);
            coalesced = 0;
            return Json.write(frame);
        }
    }

    private final Set<Console> consoles = ConcurrentHashMap.newKeySet();

    boolean active() {
        return !consoles.isEmpty();
    }

    void open(WebSocketImpl connection, String admin, ObjectNode snapshot) {
        Console c = new Console(connection, admin);
        connection.setAttachment(c);
        snapshot.put("op", "snapshot");
        connection.send(Json.write(snapshot));
        consoles.add(c);
        log.info("admin stream opened by {} from {}", admin, connection.getRemoteSocketAddress());
    }

    void closed(Console c) {
        consoles.remove(c);
    }

    /** A console's {@code {"op":"subscribe","topics":[...],"room":..,"user":..}}. */
    void subscribe(Console c, JsonNode frame) {
        synchronized (c) {
            if (frame.has("topics") && frame.get("topics").isArray()) {
                Set<String> topics = new java.util.HashSet<>();
                frame.get("topics").forEach(t -> {
                    if (TOPICS.contains(t.asText())) {
                        topics.add(t.asText());
                    }
                });
                c.topics = topics;
            }
            c.room = frame.hasNonNull("room") ? frame.get("room").asText() : null;
            c.user = frame.hasNonNull("user") ? frame.get("user").asText() : null;
        }
        ObjectNode ok = Json.object();
        ok.put("op", "subscribed");
        ok.set("ref", frame.get("ref"));
        ArrayNode topics = ok.putArray("topics");
        c.topics.forEach(topics::add);
        c.connection.send(Json.write(ok));
    }

    /** Offers a delta to every console; {@code delta} is only built when one is connected. */
    void publish(String topic, Supplier<ObjectNode> delta) {
        if (consoles.isEmpty()) {
            return;
        }
        ObjectNode d = delta.get();
        d.put("topic", topic);
        d.put("at", System.currentTimeMillis());
        for (Console c : consoles) {
            c.offer(topic, d);
        }
    }

    /** Sends each console what it collected; runs on the timer thread. */
    void flush() {
        for (Console c : consoles) {
            String frame = c.drain();
            if (frame != null && c.connection.isOpen()) {
                try {
                    c.connection.send(frame);
                } catch (RuntimeException e) {
                    consoles.remove(c);
                }
            }
        }
    }

    static boolean isConsole(WebSocket conn) {
        return conn.getAttachment() instanceof Console;
    }
}
