package dev.switchboard.console.connect;

import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The start screen against a real gateway, and the console's own local gateway; no JavaFX toolkit. */
class ConnectViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    @TempDir
    Path home;

    private final AtomicReference<Connection> connected = new AtomicReference<>();

    @AfterEach
    void close() {
        Connection c = connected.get();
        if (c != null) {
            c.link().close();
            if (c.local() != null) {
                c.local().close();
            }
        }
    }

    private ConnectViewModel viewModel() {
        return new ConnectViewModel(UiThread.direct(), Runnable::run, new RecentGateways(home, new TokenVault(home)),
                new GatewayConnector(AdminLink::defaultHttp, home, (s, d) -> {
                }), connected::set);
    }

    @Test
    void connectsAndRemembersTheGatewayWithItsTokenSealed() throws Exception {
        ConnectViewModel vm = viewModel();
        vm.load();
        assertThat(vm.recent()).isEmpty();
        vm.urlProperty().set(gw.httpUrl());
        String token = gw.adminToken();
        vm.tokenProperty().set(token);
        vm.connect();
        LiveGateway.await("connected", () -> connected.get() != null);
        assertThat(connected.get().link().nodeName()).isEqualTo("test-node");

        String onDisk = Files.readString(home.resolve("recent-gateways.json"));
        assertThat(onDisk).contains(gw.httpUrl()).doesNotContain(token);
        for (Path p : Files.list(home).toList()) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain(token);
        }

        ConnectViewModel next = viewModel(); // the console starts again
        next.load();
        assertThat(next.recent()).extracting(RecentGateway::url).containsExactly(gw.httpUrl());
        assertThat(next.urlProperty().get()).isEqualTo(gw.httpUrl());
        assertThat(next.tokenProperty().get()).isEqualTo(token);
    }

    @Test
    void aTokenNotToBeRememberedIsNotStoredAtAll() {
        ConnectViewModel vm = viewModel();
        vm.urlProperty().set(gw.httpUrl());
        vm.tokenProperty().set(gw.adminToken());
        vm.rememberTokenProperty().set(false);
        vm.connect();
        LiveGateway.await("connected", () -> connected.get() != null);
        ConnectViewModel next = viewModel();
        next.load();
        assertThat(next.recent()).singleElement().satisfies(r -> assertThat(r.hasToken()).isFalse());
        assertThat(next.tokenProperty().get()).isEmpty();
    }

    @Test
    void aRefusedTokenIsExplainedAndNothingIsRemembered() {
        ConnectViewModel vm = viewModel();
        vm.urlProperty().set(gw.httpUrl());
        vm.tokenProperty().set("forged.token.value");
        vm.connect();
        LiveGateway.await("the refusal", () -> !vm.busyProperty().get());
        assertThat(vm.messageProperty().get()).contains("refused the token (401");
        assertThat(connected.get()).isNull();
        assertThat(Files.exists(home.resolve("recent-gateways.json"))).isFalse();
    }

    @Test
    void startsALocalGatewayOnH2InTheConsolesDataFolder() {
        ConnectViewModel vm = viewModel();
        vm.startLocal();
        LiveGateway.await("the local gateway", Duration.ofSeconds(30), () -> connected.get() != null);
        Connection c = connected.get();
        assertThat(c.local()).isNotNull();
        assertThat(c.tokenSecret()).isNotBlank();
        assertThat(c.link().nodeName()).isEqualTo("local");
        assertThat(home.resolve("local-gateway/data")).isDirectory();
        assertThat(home.resolve("local-gateway/data").toFile().list()).anyMatch(f -> f.endsWith(".mv.db"));
    }

    /** A connector that records what it was asked for and fails as told. */
    private static final class FailingConnector implements Connector {
        final AtomicReference<String> asked = new AtomicReference<>();
        final RuntimeException thrown;

        FailingConnector(RuntimeException thrown) {
            this.thrown = thrown;
        }

        @Override
        public CompletableFuture<Connection> connect(String httpUrl, String adminToken) {
            asked.set(httpUrl);
            throw thrown;
        }

        @Override
        public CompletableFuture<Connection> startLocal() {
            throw thrown;
        }
    }

    private ConnectViewModel viewModel(Connector connector) {
        return new ConnectViewModel(UiThread.direct(), Runnable::run, new RecentGateways(home, new TokenVault(home)),
                connector, connected::set);
    }

    @Test
    void aConnectorThatThrowsBeforeAnyFutureLeavesTheScreenUsable() {
        ConnectViewModel vm = viewModel(new FailingConnector(new IllegalArgumentException("Expected URL scheme")));
        vm.urlProperty().set("http://gateway:8080");
        vm.tokenProperty().set("t");
        vm.connect();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.canConnectProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).startsWith("Cannot connect");

        vm.startLocal();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).contains("local gateway");
    }

    /** Types {@code typed} and connects; what the connector was asked to connect to. */
    private String connectsTo(String typed) {
        FailingConnector connector = new FailingConnector(new IllegalStateException("stop here"));
        ConnectViewModel vm = viewModel(connector);
        vm.tokenProperty().set("t");
        vm.urlProperty().set(typed);
        vm.connect();
        assertThat(vm.busyProperty().get()).isFalse();
        lastMessage = vm.messageProperty().get();
        return connector.asked.get();
    }

    private String lastMessage;

    @Test
    void anAddressWithoutSchemeOrPortIsTakenAsHttpOnPort8080() {
        assertThat(connectsTo("  gateway:9000 ")).isEqualTo("http://gateway:9000");
        assertThat(connectsTo("gateway")).isEqualTo("http://gateway:8080");
        assertThat(connectsTo("https://gateway.example/")).isEqualTo("https://gateway.example");
    }

    @Test
    void anAddressThatIsNoUrlIsExplainedWithoutConnecting() {
        assertThat(connectsTo("ftp://gateway:21")).isNull();
        assertThat(lastMessage).contains("http://");
        assertThat(connectsTo("gate way:80")).isNull();
        assertThat(lastMessage).contains("host:port");
    }

    @Test
    void hostAndPortWithoutSchemeConnectsToTheRealGateway() {
        ConnectViewModel vm = viewModel();
        vm.urlProperty().set(gw.httpUrl().substring("http://".length()));
        vm.tokenProperty().set(gw.adminToken());
        vm.connect();
        LiveGateway.await("connected", () -> connected.get() != null);
        assertThat(connected.get().link().httpUrl()).isEqualTo(gw.httpUrl());
    }

    @Test
    void theWebSocketPortIsRecognisedAndTheScreenStaysUsable() {
        ConnectViewModel vm = viewModel();
        vm.urlProperty().set("127.0.0.1:" + gw.gateway().gateway().wsPort());
        vm.tokenProperty().set(gw.adminToken());
        vm.connect();
        LiveGateway.await("the failure", () -> !vm.busyProperty().get());
        assertThat(vm.messageProperty().get()).contains("WebSocket port");
        assertThat(connected.get()).isNull();
    }

    @Test
    void connectingFromTheCommandLineKeepsTheTokenRememberedEarlier() {
        RecentGateways recents = new RecentGateways(home, new TokenVault(home));
        recents.remember(gw.httpUrl(), "test-node", "the-token-remembered-earlier", true);
        ConnectViewModel vm = viewModel();
        vm.load();
        vm.connectFromCommandLine(gw.httpUrl(), gw.adminToken());
        LiveGateway.await("connected", () -> connected.get() != null);
        assertThat(recents.list()).singleElement()
                .satisfies(r -> assertThat(recents.token(r)).isEqualTo("the-token-remembered-earlier"));
    }
}
