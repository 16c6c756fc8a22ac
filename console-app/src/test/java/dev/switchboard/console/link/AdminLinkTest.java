package dev.switchboard.console.link;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's link to a real gateway: checks the token, keeps the stream, pauses, comes back by itself. */
class AdminLinkTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    /** What a link reported, in order. */
    private static final class Recorder implements StreamListener {
        final List<AdminFrame.Snapshot> snapshots = new CopyOnWriteArrayList<>();
        final List<AdminDelta> items = new CopyOnWriteArrayList<>();
        final List<LinkState> states = new CopyOnWriteArrayList<>();

        @Override
        public void snapshot(AdminFrame.Snapshot snapshot) {
            snapshots.add(snapshot);
        }

        @Override
        public void deltas(List<AdminDelta> batch, AdminDelta.Stats stats, long coalesced) {
            items.addAll(batch);
        }

        boolean sawEvent(String eventId) {
            return items.stream().anyMatch(i -> i instanceof AdminDelta.EventPublished e && e.eventId().equals(eventId));
        }
    }

    private static AdminLink open(String url, String token, Recorder r) throws Exception {
        AdminLink link = AdminLink.open(url, token, AdminLink.defaultHttp(), (s, d) -> r.states.add(s))
                .get(10, TimeUnit.SECONDS);
        link.addListener(r);
        return link;
    }

    @Test
    void refusesAWrongTokenAndANonAdminTokenWithAClearMessage() {
        var forged = AdminLink.open(gw.httpUrl(), "not-a-jwt", AdminLink.defaultHttp(), (s, d) -> {
        });
        assertThatThrownBy(() -> forged.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(GatewayConnector.describe(e.getCause())).contains("refused the token (401"));
        var user = AdminLink.open(gw.httpUrl(), gw.gateway().token("eve", Role.USER), AdminLink.defaultHttp(), (s, d) -> {
        });
        assertThatThrownBy(() -> user.get(10, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(GatewayConnector.describe(e.getCause())).contains("not an admin token"));
        var nobody = AdminLink.open("http://127.0.0.1:1", gw.adminToken(), AdminLink.defaultHttp(), (s, d) -> {
        });
        assertThatThrownBy(() -> nobody.get(10, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(GatewayConnector.describe(e.getCause())).startsWith("Cannot connect: the gateway did not answer"));
    }

    @Test
    void streamsTheNodesConnectionsAndEvents() throws Exception {
        gw.device("amy", "phone");
        Recorder r = new Recorder();
        try (AdminLink link = open(gw.httpUrl(), gw.adminToken(), r)) {
            LiveGateway.await("connected", () -> link.state() == LinkState.CONNECTED);
            assertThat(link.nodeName()).isEqualTo("test-node");
            LiveGateway.await("a snapshot", () -> !r.snapshots.isEmpty());
            // the console asks for the figures only: pages read connections and rooms over HTTP
            assertThat(r.snapshots.get(0).connections()).as("no connection list").isEmpty();
            assertThat(r.snapshots.get(0).rooms()).as("no room list").isEmpty();
            assertThat(r.snapshots.get(0).connectionsTotal()).isGreaterThanOrEqualTo(1);
            assertThat(r.snapshots.get(0).stats().connections()).isGreaterThanOrEqualTo(1);
            String id = gw.publish("doc.changed", "doc-1", "user:amy");
            LiveGateway.await("the event in the stream", () -> r.sawEvent(id));
        }
    }

    @Test
    void aListenerAddedLaterStartsFromTheSnapshotAndTheChangesSince() throws Exception {
        gw.device("early", "phone");
        Recorder first = new Recorder();
        try (AdminLink link = open(gw.httpUrl(), gw.adminToken(), first)) {
            LiveGateway.await("a snapshot", () -> !first.snapshots.isEmpty());
            gw.device("late", "tablet");
            LiveGateway.await("the late device in the stream", () -> first.items.stream()
                    .anyMatch(i -> i instanceof AdminDelta.ConnectionOpened o && o.userId().equals("late")));

            Recorder page = new Recorder(); // a page built now
            link.addListener(page);
            LiveGateway.await("the replay", () -> page.snapshots.size() == 1);
            assertThat(page.snapshots.get(0)).as("the same snapshot").isSameAs(first.snapshots.get(0));
            assertThat(page.items).anyMatch(i -> i instanceof AdminDelta.ConnectionOpened o && o.userId().equals("late"));
            assertThat(page.items).noneMatch(i -> i.topic().equals("events"));
        }
    }

    @Test
    void aPausedLinkReceivesNothingAndResumesWithAFreshSnapshot() throws Exception {
        Recorder r = new Recorder();
        try (AdminLink link = open(gw.httpUrl(), gw.adminToken(), r)) {
            LiveGateway.await("a snapshot", () -> r.snapshots.size() == 1);
            Thread.sleep(300); // a snapshot that arrived while the listener was being added is not replayed twice
            assertThat(r.snapshots).hasSize(1);
            link.pause();
            assertThat(link.state()).isEqualTo(LinkState.PAUSED);
            Thread.sleep(300); // the unsubscribe reaches the gateway
            int before = r.items.size();
            String id = gw.publish("doc.changed", "doc-2", "user:bob");
            Thread.sleep(1200); // a stats tick and several flushes go by
            assertThat(r.items).hasSize(before);
            assertThat(r.sawEvent(id)).isFalse();
            link.resume();
            LiveGateway.await("a second snapshot", () -> r.snapshots.size() == 2);
            LiveGateway.await("connected again", () -> link.state() == LinkState.CONNECTED);
            String after = gw.publish("doc.changed", "doc-2", "user:bob");
            LiveGateway.await("events flow again", () -> r.sawEvent(after));
        }
    }

    @Test
    void reconnectsByItselfWhenTheGatewayComesBack(@TempDir Path dir) throws Exception {
        Map<ConfigKey, String> ports = fixedPorts();
        TestGateway first = TestGateway.start(dir, ports);
        String url = first.gateway().httpUrl("127.0.0.1");
        Recorder r = new Recorder();
        try (AdminLink link = open(url, first.token("ops", Role.ADMIN), r)) {
            LiveGateway.await("connected", () -> link.state() == LinkState.CONNECTED);
            first.close();
            LiveGateway.await("the loss shown", () -> link.state() == LinkState.RECONNECTING);
            try (TestGateway second = TestGateway.start(dir, ports)) {
                LiveGateway.await("connected again", Duration.ofSeconds(20),
                        () -> link.state() == LinkState.CONNECTED && r.snapshots.size() >= 2);
                assertThat(r.states).containsSubsequence(LinkState.CONNECTED, LinkState.RECONNECTING, LinkState.CONNECTED);
                String id = second.service.publish(Api.event("doc.changed", "d",
                        List.of("user:cat"), Json.object())).json().path("id").asText();
                LiveGateway.await("events from the new gateway", () -> r.sawEvent(id));
            }
        }
    }

    @Test
    void aTokenThatExpiredWhileTheGatewayWasDownIsRefusedNotRetriedAndANewOneReconnects(@TempDir Path dir) throws Exception {
        Map<ConfigKey, String> ports = fixedPorts();
        TestGateway first = TestGateway.start(dir, ports);
        String url = first.gateway().httpUrl("127.0.0.1");
        TokenIssuer issuer = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC());
        Recorder r = new Recorder();
        try (AdminLink link = open(url, issuer.issue("ops", Role.ADMIN, null, Duration.ofSeconds(2)), r)) {
            LiveGateway.await("connected", () -> link.state() == LinkState.CONNECTED);
            first.close();
            LiveGateway.await("the loss shown", () -> link.state() == LinkState.RECONNECTING);
            Thread.sleep(2_500); // the token expires while the gateway is down
            try (TestGateway second = TestGateway.start(dir, ports)) {
                LiveGateway.await("the upgrade refused with 401", Duration.ofSeconds(20),
                        () -> link.state() == LinkState.TOKEN_REFUSED);
                assertThat(link.nextAttemptAtMillis()).as("no retry with a refused token").isZero();
                link.useToken(issuer.issue("ops", Role.ADMIN, null, Duration.ofHours(1))).get(10, TimeUnit.SECONDS);
                LiveGateway.await("connected again with the new token",
                        () -> link.state() == LinkState.CONNECTED && r.snapshots.size() >= 2);
            }
        }
    }

    /** Free ports, fixed, so a gateway started again listens where the first one did. */
    private static Map<ConfigKey, String> fixedPorts() throws Exception {
        return Map.of(ConfigKey.HTTP_PORT, Integer.toString(freePort()), ConfigKey.WS_PORT, Integer.toString(freePort()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
