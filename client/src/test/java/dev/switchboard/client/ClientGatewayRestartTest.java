package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.GatewayProcess;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK while the gateway process is killed with SIGKILL mid-stream and started again on the same
 * ports, then drained with SIGTERM and replaced: the client reconnects by itself every time, recovers
 * with its cursor and ends equal to the server's state, with no event applied twice.
 */
class ClientGatewayRestartTest {
    private static final String ROOM = "doc:restart";
    private static final TokenIssuer ISSUER = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC());

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> serverState(Api api) {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode r : api.get("/api/rooms/" + ROOM + "/snapshot").json().path("resources")) {
            m.put(r.path("resourceId").asText(), r.path("version").asLong() + ":" + r.path("state"));
        }
        return m;
    }

    private static Map<String, String> clientState(SwitchboardClient c) {
        Map<String, String> m = new TreeMap<>();
        RoomView v = c.rooms().get(ROOM);
        if (v != null) {
            v.resources().values().forEach(r -> m.put(r.resourceId(), r.version() + ":" + r.state()));
        }
        return m;
    }

    private static void awaitConverged(SwitchboardClient c, Api api) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!(c.state() == ConnectionState.CONNECTED && !c.rooms().get(ROOM).syncing()
                && clientState(c).equals(serverState(api)))) {
            if (System.currentTimeMillis() > deadline) {
                assertThat(clientState(c)).as("client state vs server").isEqualTo(serverState(api));
                throw new AssertionError("not converged: " + c.state());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theClientRecoversAcrossAKillAndADrain(@TempDir Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        int http = freePort();
        int ws = freePort();
        String[] ports = {"--http-port", Integer.toString(http), "--ws-port", Integer.toString(ws),
                "--drain-grace", "1s", "--drain-reconnect-spread", "300ms"};
        String service = ISSUER.issue("backend", Role.SERVICE, null, Duration.ofHours(1));
        AtomicReference<GatewayProcess> gateway = new AtomicReference<>(GatewayProcess.start(data, work, ports));
        Api api = gateway.get().api(service);
        api.put("/api/acl/" + ROOM + "/members/ivy");

        List<Long> applied = Collections.synchronizedList(new ArrayList<>());
        SwitchboardClient client = SwitchboardClient.builder()
                .wsUrl("ws://127.0.0.1:" + ws + "/ws").httpUrl("http://127.0.0.1:" + http)
                .token(() -> ISSUER.issue("ivy", Role.USER, "phone", Duration.ofHours(1)))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
        client.addListener(new SwitchboardListener() {
            @Override
            public void eventApplied(String room, long offset, Event event) {
                if (room.equals(ROOM)) {
                    applied.add(offset);
                }
            }
        });
        client.join(ROOM);
        client.start();

        AtomicBoolean stop = new AtomicBoolean();
        Thread publisher = new Thread(() -> {
            int n = 0;
            while (!stop.get()) {
                ObjectNode payload = Json.object();
                payload.put("n", n);
                try {
                    gateway.get().api(service).publish(Api.event("item.set", "res-" + (n % 5), List.of(ROOM), payload));
                } catch (RuntimeException down) {
                    // the gateway is restarting; the next publish goes to the new one
                }
                n++;
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        publisher.start();
        try {
            Thread.sleep(700);
            gateway.get().kill();
            Thread.sleep(300);
            gateway.set(GatewayProcess.start(data, work, ports));
            Thread.sleep(1_000);
            int exit = gateway.get().terminate(); // drains: the client is told and reconnects to the next one
            assertThat(exit).isZero();
            gateway.set(GatewayProcess.start(data, work, ports));
            Thread.sleep(700);
        } finally {
            stop.set(true);
            publisher.join();
        }
        try {
            awaitConverged(client, gateway.get().api(service));
            assertThat(client.counters().reconnects()).isGreaterThanOrEqualTo(2);
            assertThat(applied).as("no offset applied twice, all in order").isSorted().doesNotHaveDuplicates();
            assertThat(applied).isNotEmpty();
        } finally {
            client.close();
            gateway.get().close();
        }
    }
}
