package dev.switchboard.tls;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.testing.TestCertificates;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * https on the HTTP listener (Jetty), from the same certificate holder as wss: the API answers over
 * TLS 1.3 and 1.2 with the policy's suites, refuses TLS 1.1 and plain HTTP, and serves a replaced
 * certificate to new connections without a restart.
 */
class HttpsApiTest {
    private static final TestCertificates.Ca CA = TestCertificates.ca("Switchboard Https Test CA");

    @TempDir
    Path dir;

    private TestGateway start(TestCertificates.Server cert) {
        cert.writePem(dir.resolve("server.crt"), dir.resolve("server.key"));
        return TestGateway.start(dir.resolve("data"), Map.of(ConfigKey.TLS_CERT_FILE, dir.resolve("server.crt").toString(),
                ConfigKey.TLS_KEY_FILE, dir.resolve("server.key").toString(), ConfigKey.TLS_RELOAD_INTERVAL, "0s"));
    }

    private static SSLSocket open(TestGateway gw, String... protocols) throws IOException {
        SSLSocket s = (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", gw.gateway().httpPort());
        s.setSoTimeout(10_000);
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        s.startHandshake();
        return s;
    }

    private static String get(SSLSocket s, String path) throws IOException {
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theApiAnswersOverTlsOnlyWithModernProtocols() throws IOException {
        try (TestGateway gw = start(CA.server("gateway"))) {
            assertThat(gw.gateway().httpUrl("127.0.0.1")).startsWith("https://");
            assertThat(gw.service().get("/api/rooms/document:tls/events?after=0").status()).isEqualTo(200);
            try (SSLSocket s = open(gw)) {
                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(get(s, "/api/info")).startsWith("HTTP/1.1 200").contains("wss://");
            }
            try (SSLSocket s = open(gw, "TLSv1.2")) {
                assertThat(TlsPolicy.CIPHER_SUITES).contains(s.getSession().getCipherSuite());
                assertThat(get(s, "/health/live")).startsWith("HTTP/1.1 200");
            }
            assertThatThrownBy(() -> open(gw, "TLSv1.1").close()).isInstanceOf(IOException.class);
            try (Socket plain = new Socket("127.0.0.1", gw.gateway().httpPort())) {
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = plain.getInputStream();
                byte[] answer = in.readNBytes(4);
                assertThat(new String(answer, StandardCharsets.ISO_8859_1)).as("no plain HTTP answer").isNotEqualTo("HTTP");
            }
        }
    }

    @Test
    void aReplacedCertificateIsServedToNewConnectionsWithoutARestart() throws IOException {
        TestCertificates.Server first = CA.server("api-2025");
        try (TestGateway gw = start(first)) {
            assertThat(served(gw)).isEqualTo(first.serial());
            TestCertificates.Server second = CA.server("api-2026");
            second.writePem(dir.resolve("server.crt"), dir.resolve("server.key"));
            assertThat(gw.gateway().tls().orElseThrow().checkNow()).isTrue();
            assertThat(served(gw)).isEqualTo(second.serial());
            assertThat(gw.service().get("/health/ready").status()).isEqualTo(200);
        }
    }

    private static BigInteger served(TestGateway gw) throws IOException {
        try (SSLSocket s = open(gw)) {
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
