package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 5: the SDK takes a room snapshot in pages and joins them correctly while events are
 * published between its page requests (each page then has another offset), and ends equal to the server.
 */
class PagedSnapshotRecoveryTest {
    private static final String ROOM = "doc:paged";

    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.SNAPSHOT_PAGE_RESOURCES, "5"));

    private static void publish(String resource, int value) {
        Api.Response r = gw.service().publish(Api.event("item.set", ROOM + "/" + resource, List.of(ROOM),
                Json.object().put("value", value)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** The server's truth, read in pages with nothing published meanwhile: resource id → version:state. */
    private static Map<String, String> serverState() {
        Map<String, String> m = new TreeMap<>();
        String after = "";
        while (true) {
            JsonNode page = gw.service().get("/api/rooms/" + ROOM + "/snapshot?after="
                    + URLEncoder.encode(after, StandardCharsets.UTF_8)).json();
            for (JsonNode r : page.path("resources")) {
                m.put(r.path("resourceId").asText(), r.path("version").asLong() + ":" + r.path("state"));
            }
            if (page.path("complete").asBoolean()) {
                return m;
            }
            after = page.path("nextAfter").asText();
        }
    }

    private static Map<String, String> clientState(SwitchboardClient c) {
        return ClientAgainstGatewayTest.clientState(c, ROOM);
    }

    @Test
    void aDeviceRecoversThroughAMultiPageSnapshotWhilePublishesHappenBetweenPages() {
        for (int i = 0; i < 30; i++) {
            publish(String.format("item:%02d", i), i);
        }
        // Before every page but the first, publish: a change to a resource in a page already read, one
        // in a page still to come, a new resource in the range already read, and one after every page.
        AtomicInteger pagesAfterFirst = new AtomicInteger();
        List<String> snapshotRequests = new CopyOnWriteArrayList<>();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            var url = chain.request().url();
            if (url.encodedPath().equals("/api/rooms/" + ROOM + "/snapshot")) {
                snapshotRequests.add(url.toString());
                String after = url.queryParameter("after");
                if (after != null && !after.isEmpty()) {
                    int n = pagesAfterFirst.incrementAndGet();
                    publish("item:00", 1000 + n);
                    publish("item:29", 2000 + n);
                    publish("item:00-new-" + n, 3000 + n);
                    publish("item:99-new-" + n, 4000 + n);
                }
            }
            return chain.proceed(chain.request());
        }).build();
        List<String> recoveries = new CopyOnWriteArrayList<>();
        gw.service().put("/api/acl/" + ROOM + "/members/paula");
        SwitchboardClient device = SwitchboardClient.builder()
                .wsUrl("ws://127.0.0.1:" + gw.gateway().wsPort() + "/ws")
                .httpUrl("http://127.0.0.1:" + gw.gateway().httpPort())
                .token(() -> gw.token("paula", Role.USER))
                .device("tablet").app("sdk-test")
                .http(http)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
        device.addListener(new SwitchboardListener() {
            @Override
            public void roomRecovered(String room, String how, long offset) {
                if (room.equals(ROOM)) {
                    recoveries.add(how);
                }
            }
        });
        device.join(ROOM);
        device.start();
        try {
            Await.until("the snapshot was taken", Duration.ofSeconds(30), () -> !recoveries.isEmpty());
            assertThat(snapshotRequests.size()).as("pages read: %s", snapshotRequests).isGreaterThanOrEqualTo(6);
            assertThat(snapshotRequests).allMatch(u -> u.contains("after="));
            assertThat(recoveries).containsExactly("snapshot");

            Map<String, String> truth = serverState();
            assertThat(truth).containsKeys(ROOM + "/item:00-new-1", ROOM + "/item:99-new-1");
            Await.until("the device converged on the server's state", Duration.ofSeconds(20),
                    () -> clientState(device).equals(truth) && !device.rooms().get(ROOM).syncing());
            assertThat(clientState(device)).isEqualTo(truth);
            assertThat(device.rooms().get(ROOM).offset()).isEqualTo(30L + 4L * pagesAfterFirst.get());

            // And it stays live afterwards.
            publish("item:15", 5000);
            Await.until("a live event after the snapshot", () -> clientState(device).equals(serverState()));
        } finally {
            device.close();
        }
    }
}
