package dev.switchboard.console.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.client.ConnectionState;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.WsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small, real support story on a live gateway, for the screenshot tour and whole-window tests:
 * about thirty devices on the SDK (so they ack, reconnect and recover like apps), a steady trickle
 * of events, and one event whose trace has every verdict: zoe's phone acked it, her laptop (acks
 * off) had it delivered, her tablet was offline and missed it, and bob's phone (a bare client that
 * neither acks nor recovers) lost it to an injected drop.
 *
 * <p>Threads: {@link #play} on the test thread; the trickle publisher on its own daemon thread.
 */
public final class DemoStory implements AutoCloseable {
    public static final String DOCUMENT = "document:7";
    public static final String BOARD = "board:42";

    private final LiveGateway gw;
    private final List<SwitchboardClient> clients = new ArrayList<>();
    private final List<WsClient> bare = new ArrayList<>();
    private final AtomicBoolean trickling = new AtomicBoolean();
    private Thread trickle;
    private String tracedEventId;

    public DemoStory(LiveGateway gw) {
        this.gw = gw;
    }

    /** Sets the story up; returns when every device is connected and the traced event is delivered. */
    public DemoStory play() {
        String[] apps = {"2.3.1", "2.3.1", "2.3.0", "2.2.9", "2.3.1-beta"};
        for (int i = 1; i <= 24; i++) {
            String user = String.format("user%02d", i);
            gw.grant(i % 3 == 0 ? BOARD : DOCUMENT, user);
            device(user, i % 2 == 0 ? "phone" : "laptop", apps[i % apps.length], true, i % 3 == 0 ? BOARD : DOCUMENT);
        }
        for (String u : List.of("zoe", "bob", "alice")) {
            gw.grant(DOCUMENT, u);
        }
        SwitchboardClient zoePhone = device("zoe", "phone", "2.3.1", true, DOCUMENT);
        SwitchboardClient zoeLaptop = device("zoe", "laptop", "2.3.0", false, DOCUMENT);
        SwitchboardClient zoeTablet = device("zoe", "tablet", "2.2.9", true, DOCUMENT);
        WsClient bobPhone = gw.gateway().connect("bob", "phone");
        String bobConnection = bobPhone.next("welcome").path("connectionId").asText();
        bobPhone.join(DOCUMENT);
        bare.add(bobPhone);
        device("alice", "laptop", "2.3.1", true, DOCUMENT);
        awaitSynced();
        for (int i = 0; i < 5; i++) {
            gw.publish("doc.changed", "doc-7/para-" + i, DOCUMENT);
        }
        zoeTablet.goOffline();
        LiveGateway.await("zoe's tablet offline", () -> zoeTablet.state() != ConnectionState.CONNECTED);
        ObjectNode drop = Json.object();
        drop.put("connectionId", bobConnection);
        drop.put("kind", "drop");
        drop.put("count", 1);
        drop.put("durationMs", 600_000);
        var injected = gw.gateway().api(gw.adminToken()).post("/admin/faults", Json.write(drop));
        if (injected.status() / 100 != 2) {
            throw new IllegalStateException("fault refused: " + injected);
        }
        tracedEventId = gw.publish("doc.title.changed", "doc-7", DOCUMENT);
        LiveGateway.await("zoe's phone to ack", () -> zoePhone.counters().eventsApplied() >= 6);
        LiveGateway.await("zoe's laptop to have it", () -> zoeLaptop.counters().eventsApplied() >= 6);
        return this;
    }

    /** The event whose trace shows acked, delivered, missed and an injected drop. */
    public String tracedEventId() {
        return tracedEventId;
    }

    /** Publishes about {@code perSecond} events a second to the story's rooms until {@link #close}. */
    public void trickle(int perSecond) {
        trickling.set(true);
        trickle = new Thread(() -> {
            long n = 0;
            String[] types = {"doc.changed", "doc.comment.added", "board.card.moved", "doc.changed"};
            while (trickling.get()) {
                String type = types[(int) (n % types.length)];
                try {
                    gw.publish(type, (type.startsWith("board") ? "board-42/card-" : "doc-7/para-") + (n % 9),
                            type.startsWith("board") ? BOARD : DOCUMENT);
                    Thread.sleep(1000 / perSecond);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the gateway is going away at the end of the tour
                }
                n++;
            }
        }, "demo-trickle");
        trickle.setDaemon(true);
        trickle.start();
    }

    private SwitchboardClient device(String user, String device, String app, boolean acks, String room) {
        SwitchboardClient c = SwitchboardClient.builder()
                .wsUrl("ws://127.0.0.1:" + gw.gateway().gateway().wsPort() + "/ws")
                .httpUrl(gw.httpUrl())
                .token(() -> gw.gateway().token(user, Role.USER))
                .device(device)
                .app(app)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .acks(acks)
                .build();
        c.join(room);
        c.start();
        clients.add(c);
        return c;
    }

    private void awaitSynced() {
        LiveGateway.await("every demo device connected", Duration.ofSeconds(20),
                () -> clients.stream().allMatch(c -> c.state() == ConnectionState.CONNECTED
                        && c.rooms().values().stream().noneMatch(r -> r.syncing())));
    }

    @Override
    public void close() {
        trickling.set(false);
        if (trickle != null) {
            trickle.interrupt();
        }
        clients.forEach(SwitchboardClient::close);
        bare.forEach(WsClient::close);
    }
}
