package dev.switchboard.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.eventlog.RoomPosition;
import dev.switchboard.eventlog.StoredEvent;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries each node's committed batches to the other nodes of a shared log over Redis pub/sub
 * (Lettuce), one channel per log epoch. Pub/sub, not streams: the event log is the record and the
 * nodes refill from it whatever Redis loses, so Redis needs to keep nothing (docs/cluster.md).
 *
 * <p>Redis is never needed for correctness: a batch that cannot be sent is simply not sent (the other
 * nodes read it from the log), a lost message is found by its seq gap or by the log check, and while
 * Redis is down {@link #up()} is false and the bus reads the log every {@code cluster.log-poll}.
 * Commands are refused at once while disconnected (never queued without bound), and a node that
 * starts while Redis is down keeps trying to connect, every second, in the background.
 *
 * <p>Threads: {@link #send} is called on the event log's writer thread and only hands the command to
 * Lettuce; messages arrive on Lettuce's event loop and go to the sink, which only queues; connecting
 * runs on {@code redis-connect}.
 */
public final class RedisCarrier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisCarrier.class);

    /** Told of other nodes' batches and of the link coming up (to read the log for what it missed). */
    public interface Sink {
        void received(List<StoredEvent> events, long committedAtMillis);

        void linkUp();
    }

    /** Told of other nodes' presence messages, and of the link coming up (to ask them for all they hold). */
    public interface PresenceSink {
        void received(JsonNode message);

        void linkUp();
    }

    private final RedisClient client;
    private final String channel;
    /** Presence changes between nodes: ephemeral, on a channel of their own (docs/cluster.md, "Presence"). */
    private final String presenceChannel;
    private volatile PresenceSink presenceSink;
    private final String node;
    private final Sink sink;
    private final BusSignature signature;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "redis-connect");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicLong forged = new AtomicLong();
    /** Fault hook for tests: this many incoming messages are dropped as if Redis had lost them. */
    private final AtomicInteger toDrop = new AtomicInteger();
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean subscribed;
    private volatile boolean closed;

    public RedisCarrier(String url, String logEpoch, String node, String tokenSecret, Sink sink) {
        this.signature = new BusSignature(tokenSecret);
        this.channel = "switchboard:commits:" + logEpoch;
        this.presenceChannel = "switchboard:presence:" + logEpoch;
        this.node = node;
        this.sink = sink;
        this.client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(10_000)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        connector.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            // The sending connection first: a node counts as on the bus only once it can send as well.
            publisher = client.connect();
            StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    if (ch.equals(presenceChannel)) {
                        onPresence(message);
                    } else {
                        onMessage(message);
                    }
                }

                @Override
                public void subscribed(String ch, long count) {
                    if (ch.equals(presenceChannel)) {
                        PresenceSink p = presenceSink;
                        if (p != null) {
                            p.linkUp();
                        }
                        return;
                    }
                    // also after each reconnect, when Lettuce subscribes again by itself
                    subscribed = true;
                    log.info("redis: subscribed to {}; reading the log for what went by meanwhile", channel);
                    sink.linkUp();
                }
            });
            sub.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    if (subscribed && !closed) {
                        log.warn("redis: connection lost; other nodes' commits come from the event log until it is back");
                    }
                    subscribed = false;
                }

                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    log.info("redis: connected to {}", address);
                }
            });
            subscriber = sub;
            sub.sync().subscribe(channel, presenceChannel);
        } catch (RuntimeException e) {
            log.warn("redis: cannot connect ({}); retrying in 1 s, other nodes' commits come from the event log", e.getMessage());
            closeQuietly();
            connector.schedule(this::connect, 1, TimeUnit.SECONDS);
        }
    }

    /** True while the subscription is live and this node can send: batches travel over Redis both ways. */
    public boolean up() {
        StatefulRedisPubSubConnection<String, String> sub = subscriber;
        StatefulRedisConnection<String, String> pub = publisher;
        return subscribed && sub != null && sub.isOpen() && pub != null && pub.isOpen();
    }

    /** Sends a batch this node committed, without waiting; dropped when Redis is not there (the log has it). */
    public void send(List<StoredEvent> events, long committedAtMillis) {
        StatefulRedisConnection<String, String> pub = publisher;
        if (pub == null || !pub.isOpen()) {
            unsent.incrementAndGet();
            return;
        }
        pub.async().publish(channel, encode(events, committedAtMillis)).whenComplete((n, e) -> {
            if (e != null) {
                unsent.incrementAndGet();
            } else {
                sent.incrementAndGet();
            }
        });
    }

    /** Sends the other nodes presence messages from now on; {@code sink} is told once at once if the link is up. */
    public void presence(PresenceSink sink) {
        this.presenceSink = sink;
        if (up()) {
            sink.linkUp();
        }
    }

    /** Sends a presence message (a JSON object; the node's name is added), without waiting; dropped when Redis is away. */
    public void sendPresence(ObjectNode message) {
        StatefulRedisConnection<String, String> pub = publisher;
        if (pub == null || !pub.isOpen()) {
            return;
        }
        message.put("node", node);
        pub.async().publish(presenceChannel, signature.sign(Json.write(message)));
    }

    private void onPresence(String message) {
        String json = verified(message);
        PresenceSink sink = presenceSink;
        if (json == null || sink == null) {
            return;
        }
        try {
            JsonNode m = Json.parse(json);
            if (!node.equals(m.path("node").asText())) {
                sink.received(m);
            }
        } catch (Exception e) {
            log.warn("redis: a presence message does not decode ({}); dropped", e.getMessage());
        }
    }

    /** The message's JSON if its signature checks; null (counted, logged now and then) if not. */
    private String verified(String message) {
        String json = signature.verify(message);
        if (json == null && forged.getAndIncrement() % 1000 == 0) {
            log.warn("redis: a message on {} without a valid signature was dropped ({} so far): something other"
                    + " than a node of this cluster publishes there", channel, forged.get());
        }
        return json;
    }

    private void onMessage(String message) {
        String json = verified(message);
        if (json == null) {
            return;
        }
        try {
            JsonNode m = Json.parse(json);
            if (node.equals(m.path("node").asText())) {
                return; // this node's own batch: delivered from its commit already
            }
            if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                log.info("redis: dropped a message on purpose (fault hook)");
                return;
            }
            received.incrementAndGet();
            sink.received(decode(m.path("events")), m.path("committedAt").asLong());
        } catch (Exception e) {
            // A message that does not decode is as good as lost: the log check finds its events.
            log.warn("redis: a message on {} does not decode ({}); the log has its events", channel, e.getMessage());
        }
    }

    private String encode(List<StoredEvent> events, long committedAtMillis) {
        ObjectNode m = Json.object().put("node", node).put("committedAt", committedAtMillis);
        ArrayNode list = m.putArray("events");
        for (StoredEvent e : events) {
            ObjectNode item = list.addObject();
            item.set("event", e.event().toJson());
            ObjectNode rooms = item.putObject("rooms");
            for (RoomPosition p : e.rooms()) {
                rooms.put(p.room(), p.offset());
            }
            item.put("epoch", e.rooms().isEmpty() ? null : e.rooms().get(0).epoch());
        }
        return signature.sign(Json.write(m));
    }

    private static List<StoredEvent> decode(JsonNode events) {
        List<StoredEvent> out = new ArrayList<>(events.size());
        for (JsonNode item : events) {
            Event event = Event.fromJson(item.path("event"));
            String epoch = item.path("epoch").asText(null);
            List<RoomPosition> rooms = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.path("rooms").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                rooms.add(new RoomPosition(r.getKey(), epoch, r.getValue().asLong()));
            }
            out.add(new StoredEvent(event, rooms));
        }
        return out;
    }

    /** Drops the next {@code n} messages from other nodes, as a Redis that loses them would (tests). */
    void dropIncoming(int n) {
        toDrop.addAndGet(n);
    }

    /** Batches sent to Redis, received from other nodes, and not sent (Redis away). */
    public long sent() {
        return sent.get();
    }

    public long received() {
        return received.get();
    }

    public long unsent() {
        return unsent.get();
    }

    /** Messages on the channel whose signature did not check (not from a node of this cluster). */
    public long forged() {
        return forged.get();
    }

    private void closeQuietly() {
        try {
            if (subscriber != null) {
                subscriber.close();
            }
            if (publisher != null) {
                publisher.close();
            }
        } catch (RuntimeException ignored) {
            // being thrown away
        }
        subscriber = null;
        publisher = null;
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        closeQuietly();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
