package dev.switchboard.gateway;

import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.AdminDelta;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.WebSocketLimits;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.protocol.CloseCodes;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;

/**
 * The admin stream ({@code GET /admin/ws}, docs/admin-api.md): a snapshot, then deltas (connections
 * opened and closed, joins and leaves, events published, delivery failures, stats once a second).
 * Deltas are collected per console and sent every {@link #FLUSH_MILLIS} ms as one frame; a console
 * that does not keep up gets the newest {@link #MAX_PENDING} deltas and a count of the ones coalesced
 * away, never an unbounded buffer. With no console connected, publishing a delta costs one check.
 *
 * <p>Each console also has a rate cap ({@code maxPerSecond} of its subscribe, default
 * {@value #DEFAULT_PER_SECOND}, at most {@value #MAX_PER_SECOND}): deltas past it within a second are
 * not queued, only counted per topic, and the next frame says how many ({@code more}), so a flood of
 * 2,000 events a second costs a console a few hundred items and a number instead of every row.
 */
final class AdminStream {
    private static final Logger log = LoggerFactory.getLogger(AdminStream.class);
    static final long FLUSH_MILLIS = 250;
    static final int MAX_PENDING = 2_000;
    /** A console with more than this many frames still queued is skipped until it reads. */
    private static final int MAX_QUEUED_FRAMES = 8;
    static final Set<String> TOPICS = Set.of("connections", "rooms", "events", "failures", "stats");
    static final int DEFAULT_PER_SECOND = 200;
    static final int MAX_PER_SECOND = 2_000;
    private static final long SECOND_NANOS = 1_000_000_000L;

    /**
     * One console. Its fields are guarded by its monitor, but {@link #rate}, which belongs to the
     * connection's decoder thread. What is sent to it is counted like a client connection's backlog
     * (bytes queued minus bytes the kernel took) and held to {@code ws.max-outgoing-bytes}: a console
     * that asks (pings, subscribes) without reading is cut with 4009 instead of being buffered for.
     */
    static final class Console {
        final WebSocketImpl connection;
        final String admin;
        final MessageRate rate;
        private final CountingChannel channel;
        private final WebSocketLimits limits;
        private final ScheduledExecutorService timers;
        private final GatewayMetrics metrics;
        volatile Set<String> topics = TOPICS;
        String room;
        String user;
        String type;
        String resource;
        int maxPerSecond = DEFAULT_PER_SECOND;
        /** Where the rate cap's seconds come from: {@link System#nanoTime}, or a test's clock. */
        private LongSupplier nanoClock = System::nanoTime;
        /** Deltas queued in the current second, against {@link #maxPerSecond}. */
        private WindowCounter perSecond = new WindowCounter(DEFAULT_PER_SECOND, SECOND_NANOS);
        final ArrayDeque<ObjectNode> pending = new ArrayDeque<>();
        ObjectNode stats;
        long coalesced;
        /** Deltas left out by the rate cap since the last frame, per topic. */
        private final Map<String, Long> more = new TreeMap<>();
        private long queuedBytes;
        private boolean cut;

        Console(WebSocketImpl connection, String admin, WebSocketLimits limits, ScheduledExecutorService timers,
                GatewayMetrics metrics) {
            this.connection = connection;
            this.metrics = metrics;
            this.admin = admin;
            this.limits = limits;
            this.timers = timers;
            this.rate = new MessageRate(limits.messagesPerSecond());
            this.channel = (CountingChannel) connection.getChannel();
            // the 101 response went through the counted channel too
            this.queuedBytes = connection.getDraft() instanceof GatewayDraft d ? d.handshakeBytes() : 0;
        }

        /** Sends one text frame, if it fits under the outgoing limit. */
        void send(String json) {
            int n = json.getBytes(StandardCharsets.UTF_8).length;
            if (reserve(n + (n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10))) {
                connection.send(json);
            }
        }

        /** Answers a ping, if the pong fits under the outgoing limit. */
        void pong(PingFrame ping) {
            if (reserve(2L + ping.getPayloadData().remaining())) {
                connection.sendFrame(new PongFrame(ping));
            }
        }

        /** Counts bytes about to be queued; false, and the console is cut, when they would pass the limit. */
        private boolean reserve(long bytes) {
            boolean cutNow;
            synchronized (this) {
                if (cut) {
                    return false;
                }
                long backlog = queuedBytes - channel.written();
                cutNow = backlog + bytes > limits.maxOutgoingBytes();
                if (cutNow) {
                    cut = true;
                } else {
                    queuedBytes += bytes;
                }
            }
            if (cutNow) {
                metrics.limit("slow_consumer");
                log.warn("slow admin console: closing the stream of {} with 4009", admin);
                // Not inline: the caller may hold locks the library's close path wants.
                timers.execute(() -> connection.close(CloseCodes.SLOW_CONSUMER, "slow consumer: outgoing buffer full"));
                timers.schedule(() -> {
                    if (!connection.isClosed()) {
                        connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "slow consumer did not close in time");
                    }
                }, limits.slowConsumerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            return !cutNow;
        }

        synchronized void offer(String topic, ObjectNode delta) {
            if (!topics.contains(topic) || !matches(delta)) {
                return;
            }
            if (topic.equals("stats")) {
                stats = delta; // only the latest matters
                return;
            }
            if (perSecond.recordAndExceeded()) {
                more.merge(topic, 1L, Long::sum);
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
                if (u != null && !u.asText().equals(user)) {
                    return false;
                }
            }
            return matchesPattern(type, delta.get("type")) && matchesPattern(resource, delta.get("resourceId"));
        }

        /** {@code pattern} exactly, or as a prefix when it ends with {@code *}; a delta without the field passes. */
        private static boolean matchesPattern(String pattern, JsonNode field) {
            if (pattern == null || field == null) {
                return true;
            }
            String value = field.asText();
            return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1))
                    : value.equals(pattern);
        }

        /** Sets the rate cap: {@code requested} clamped to 1..{@value #MAX_PER_SECOND}; the default when absent. */
        void capAt(Long requested) {
            maxPerSecond = requested == null ? DEFAULT_PER_SECOND : (int) Math.max(1, Math.min(MAX_PER_SECOND, requested));
            perSecond = new WindowCounter(maxPerSecond, SECOND_NANOS, nanoClock);
        }

        /** Counts the rate cap's seconds on {@code clock} from now on (tests step it). */
        synchronized void countSecondsOn(LongSupplier clock) {
            nanoClock = clock;
            perSecond = new WindowCounter(maxPerSecond, SECOND_NANOS, clock);
        }

        /** The frame to send now, or null. */
        synchronized String drain() {
            if (pending.isEmpty() && stats == null && more.isEmpty()) {
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
            if (!more.isEmpty()) {
                ObjectNode counts = frame.putObject("more");
                more.forEach(counts::put);
                more.clear();
            }
            return Json.write(frame);
        }
    }

    private final Set<Console> consoles = ConcurrentHashMap.newKeySet();
    private final WebSocketLimits limits;
    private final ScheduledExecutorService timers;
    private final GatewayMetrics metrics;

    AdminStream(WebSocketLimits limits, ScheduledExecutorService timers, GatewayMetrics metrics) {
        this.limits = limits;
        this.timers = timers;
        this.metrics = metrics;
    }

    boolean active() {
        return !consoles.isEmpty();
    }

    void open(WebSocketImpl connection, String admin, ObjectNode snapshot) {
        Console c = new Console(connection, admin, limits, timers, metrics);
        connection.setAttachment(c);
        snapshot.put("op", "snapshot");
        c.send(Json.write(snapshot));
        consoles.add(c);
        log.info("admin stream opened by {} from {}", admin, connection.getRemoteSocketAddress());
    }

    void closed(Console c) {
        consoles.remove(c);
    }

    /**
     * A console's {@code {"op":"subscribe","topics":[...],"room":..,"user":..,"type":..,"resource":..,
     * "maxPerSecond":..}}; answered with the topics and the rate cap now in force.
     */
    void subscribe(Console c, JsonNode frame) {
        synchronized (c) {
            if (frame.has("topics") && frame.get("topics").isArray()) {
                Set<String> topics = new HashSet<>();
                frame.get("topics").forEach(t -> {
                    if (TOPICS.contains(t.asText())) {
                        topics.add(t.asText());
                    }
                });
                c.topics = topics;
            }
            c.room = frame.hasNonNull("room") ? frame.get("room").asText() : null;
            c.user = frame.hasNonNull("user") ? frame.get("user").asText() : null;
            c.type = frame.hasNonNull("type") ? frame.get("type").asText() : null;
            c.resource = frame.hasNonNull("resource") ? frame.get("resource").asText() : null;
            JsonNode cap = frame.path("maxPerSecond");
            c.capAt(cap.isNumber() ? cap.asLong() : null);
        }
        ObjectNode ok = Json.object();
        ok.put("op", "subscribed");
        ok.set("ref", frame.get("ref"));
        ArrayNode topics = ok.putArray("topics");
        c.topics.forEach(topics::add);
        ok.put("maxPerSecond", c.maxPerSecond);
        c.send(Json.write(ok));
    }

    /** True if a console takes deltas of this topic: a caller can skip even preparing them. */
    boolean listens(String topic) {
        for (Console c : consoles) {
            if (c.topics.contains(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Offers a delta to every console; {@code delta} is only built when one is connected. The deltas are
     * the records the admin client decodes ({@link AdminDelta}), so both ends share one definition.
     */
    void publish(Supplier<AdminDelta> delta) {
        if (consoles.isEmpty()) {
            return;
        }
        AdminDelta d = delta.get();
        ObjectNode tree = (ObjectNode) AdminJson.tree(d);
        for (Console c : consoles) {
            c.offer(d.topic(), tree);
        }
    }

    /** Sends each console what it collected; runs on the timer thread. */
    void flush() {
        for (Console c : consoles) {
            String frame = c.drain();
            if (frame != null && c.connection.isOpen()) {
                try {
                    c.send(frame);
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
