package dev.switchboard.console.connect;

import dev.switchboard.auth.Principal;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's local gateway across restarts of the console: same secret, same data, same ports while free. */
class LocalGatewayStarterTest {
    @TempDir
    Path home;

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    @Test
    void aSecondStartListensOnTheSamePortsAsTheFirst() throws Exception {
        String http;
        String ws;
        try (LocalGateway first = LocalGatewayStarter.start(home)) {
            http = first.httpUrl();
            ws = first.wsUrl();
            assertThat(first.portsNote()).isEmpty();
        }
        try (LocalGateway second = LocalGatewayStarter.start(home)) {
            assertThat(second.httpUrl()).isEqualTo(http);
            assertThat(second.wsUrl()).isEqualTo(ws);
            assertThat(second.portsNote()).as("nothing to say: the same address as before").isEmpty();
        }
    }

    @Test
    void aKeptPortTakenMeanwhileMovesToFreePortsSaysSoAndKeepsThem() throws Exception {
        String http;
        try (LocalGateway first = LocalGatewayStarter.start(home)) {
            http = first.httpUrl();
        }
        String moved;
        try (ServerSocket squatter = new ServerSocket(port(http), 50, InetAddress.getLoopbackAddress());
             LocalGateway second = LocalGatewayStarter.start(home)) {
            moved = second.httpUrl();
            assertThat(moved).isNotEqualTo(http);
            assertThat(second.portsNote()).contains(Integer.toString(port(http))).contains("were taken").contains(moved);
        }
        try (LocalGateway third = LocalGatewayStarter.start(home)) {
            assertThat(third.httpUrl()).as("the new ports are the kept ones now").isEqualTo(moved);
        }
    }

    @Test
    void aMintedTokenIsSignedWithTheLocalGatewaysSecret() throws Exception {
        try (LocalGateway local = LocalGatewayStarter.start(home)) {
            String token = local.mint("alice", Role.USER);
            Principal p = new TokenVerifier(local.tokenSecret(), Clock.systemUTC()).verify(token);
            assertThat(p.userId()).isEqualTo("alice");
            assertThat(p.role()).isEqualTo(Role.USER);
        }
    }
}
