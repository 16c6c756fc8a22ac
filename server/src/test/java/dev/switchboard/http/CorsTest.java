package dev.switchboard.http;

import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS (http.cors-origins): a browser page of a listed origin may call the API with a user's token; a
 * page of any other site gets no CORS grant, so the browser neither sends its preflighted request nor
 * lets it read an answer. With the key empty (the default) no origin is granted.
 */
class CorsTest {
    private static final String PREFLIGHT = "OPTIONS /api/rooms/document:x/events HTTP/1.1\r\nHost: x\r\n"
            + "Origin: %s\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n\r\n";

    @Test
    void aListedOriginIsGrantedAndOthersAreNot(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, Map.of(ConfigKey.HTTP_CORS_ORIGINS, "https://ops.example.com"))) {
            int port = gw.gateway().httpPort();
            try (RawHttp ok = RawHttp.connect(port); RawHttp evil = RawHttp.connect(port); RawHttp get = RawHttp.connect(port)) {
                RawHttp.Answer granted = ok.send(PREFLIGHT.formatted("https://ops.example.com")).read();
                assertThat(granted.status()).isBetween(200, 204);
                assertThat(granted.headers().get("access-control-allow-origin")).isEqualTo("https://ops.example.com");
                assertThat(granted.headers().get("access-control-allow-headers")).containsIgnoringCase("authorization");

                RawHttp.Answer refused = evil.send(PREFLIGHT.formatted("https://evil.example.net")).read();
                assertThat(refused.headers()).doesNotContainKey("access-control-allow-origin");

                RawHttp.Answer answer = get.send("GET /api/info HTTP/1.1\r\nHost: x\r\nOrigin: https://ops.example.com\r\n"
                        + "Authorization: Bearer " + gw.token("alice", Role.USER) + "\r\n\r\n").read();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.headers().get("access-control-allow-origin")).isEqualTo("https://ops.example.com");
            }
        }
    }

    @Test
    void byDefaultNoOriginIsGranted(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir); RawHttp s = RawHttp.connect(gw.gateway().httpPort())) {
            RawHttp.Answer answer = s.send(PREFLIGHT.formatted("https://ops.example.com")).read();
            assertThat(answer.headers()).doesNotContainKey("access-control-allow-origin");
        }
    }
}
