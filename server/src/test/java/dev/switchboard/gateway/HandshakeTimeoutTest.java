package dev.switchboard.gateway;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A TCP connection that never completes its upgrade is closed, so silent sockets cannot pile up. */
class HandshakeTimeoutTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.WS_HANDSHAKE_TIMEOUT, "500ms"));

    @Test
    void aSocketThatSendsNothingOrHalfAnUpgradeIsClosed() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", gw.gateway().wsPort());
             Socket half = new Socket("127.0.0.1", gw.gateway().wsPort())) {
            half.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            silent.setSoTimeout(10_000);
            half.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(readToEnd(silent.getInputStream())).as("closed without a byte").isEqualTo(0);
            assertThat(readToEnd(half.getInputStream())).isEqualTo(0);
            assertThat((System.nanoTime() - start) / 1_000_000).as("closed by the timeout, well before the read timeout")
                    .isLessThan(8_000);
        }
        // A real client that upgrades at once is not affected, and stays past the timeout.
        try (WsClient c = gw.connect("wes", "d")) {
            c.next("welcome");
            Thread.sleep(800);
            assertThat(c.ended()).isFalse();
        }
    }

    private static int readToEnd(InputStream in) throws Exception {
        int n = 0;
        while (in.read() >= 0) {
            n++;
        }
        return n;
    }
}
