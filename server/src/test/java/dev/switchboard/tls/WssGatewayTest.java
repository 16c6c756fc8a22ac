package dev.switchboard.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestCertificates;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.net.SocketException;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/** wss from certificates made in the test: serving, the protocol floor, trust, reloading, PKCS12. */
class WssGatewayTest {
    static final TestCertificates.Ca CA = TestCertificates.ca("Switchboard Test CA");

    @TempDir
    Path dir;

    private Path certFile() {
        return dir.resolve("server.crt");
    }

    private Path keyFile() {
        return dir.resolve("server.key");
    }

    private TestGateway startPem(TestCertificates.Server cert, String reloadInterval) {
        return startPem(cert, reloadInterval, Map.of());
    }

    private TestGateway startPem(TestCertificates.Server cert, String reloadInterval, Map<ConfigKey, String> more) {
        cert.writePem(certFile(), keyFile());
        Map<ConfigKey, String> config = new EnumMap<>(ConfigKey.class);
        config.putAll(more);
        config.put(ConfigKey.TLS_CERT_FILE, certFile().toString());
        config.put(ConfigKey.TLS_KEY_FILE, keyFile().toString());
        config.put(ConfigKey.TLS_RELOAD_INTERVAL, reloadInterval);
        return TestGateway.start(dir.resolve("data"), config);
    }

    private static WsClient connectTrusting(TestCertificates.Ca ca, TestGateway gw, String user) {
        String url = "wss://127.0.0.1:" + gw.gateway().wsPort() + "/ws?token=" + gw.token(user, Role.USER) + "&device=d1";
        return WsClient.connect(new Request.Builder().url(url).build(), ca.okHttp());
    }

    private static void publish(TestGateway gw, String room, String text) {
        ObjectNode payload = Json.object().put("text", text);
        Api.Response r = gw.service().publish(Api.event("note.added", "n-" + text.hashCode(), List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** The certificate a new TLS connection to the WebSocket port is served. */
    private static X509Certificate peerCertificate(TestGateway gw) throws IOException {
        try (SSLSocket s = (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", gw.gateway().wsPort())) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void aClientTrustingTheCaConnectsJoinsAndReceivesEventsOverWss() {
        try (TestGateway gw = startPem(CA.server("gateway"), "0s")) {
            gw.service().put("/api/acl/doc:tls/members/alice");
            try (WsClient c = connectTrusting(CA, gw, "alice")) {
                assertThat(c.failure()).isNull();
                assertThat(c.next("welcome").path("userId").asText()).isEqualTo("alice");
                assertThat(c.join("doc:tls").path("op").asText()).isEqualTo("joined");
                publish(gw, "doc:tls", "over tls");
                assertThat(c.events("doc:tls", 1).get(0).path("event").path("payload").path("text").asText()).isEqualTo("over tls");
            }
            assertThat(gw.anonymous().get("/api/info").json().path("wsUrl").asText())
                    .as("/api/info advertises the TLS scheme").startsWith("wss://");
        }
    }

    /**
     * Far more than a socket buffer is queued while the client does not read, so records wait for the
     * socket; all of it arrives in order, and the unread-bytes count (what 4009 and the total backlog
     * limit are decided on) goes back to exactly zero: it counts WebSocket bytes, not TLS records.
     */
    @Test
    void backlogAccountingHoldsOverTls() {
        // More than loopback's socket buffers (several MiB) hold, so TLS records wait for the socket.
        Map<ConfigKey, String> roomy = Map.of(ConfigKey.WS_MAX_OUTGOING_BYTES, Integer.toString(64 << 20));
        try (TestGateway gw = startPem(CA.server("gateway"), "0s", roomy)) {
            gw.service().put("/api/acl/doc:bulk/members/bob");
            try (WsClient c = connectTrusting(CA, gw, "bob")) {
                c.next("welcome");
                c.join("doc:bulk");
                c.pauseReading();
                String filler = "x".repeat(60_000);
                int n = 250;
                for (int i = 0; i < n; i++) {
                    publish(gw, "doc:bulk", i + ":" + filler);
                }
                Await.until("a backlog builds up", () -> gw.gateway().webSockets().backlogBytes() > 0);
                c.resumeReading();
                List<JsonNode> events = c.events("doc:bulk", n);
                for (int i = 0; i < n; i++) {
                    assertThat(events.get(i).path("event").path("payload").path("text").asText()).startsWith(i + ":");
                }
                Await.until("the backlog is back to zero", () -> gw.gateway().webSockets().backlogBytes() == 0);
            }
        }
    }

    @Test
    void tls11IsRefusedAndTls12AndTls13AreServed() throws IOException {
        try (TestGateway gw = startPem(CA.server("gateway"), "0s")) {
            try (Socket s = new Socket("127.0.0.1", gw.gateway().wsPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(clientHello(0x0302));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                assertThat(in.read()).as("a TLS alert record (21), not a ServerHello (22)").isEqualTo(21);
            }
            try (SSLSocket s = (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", gw.gateway().wsPort())) {
                s.setEnabledProtocols(new String[]{"TLSv1.2"});
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(TlsPolicy.CIPHER_SUITES).contains(s.getSession().getCipherSuite());
            }
            try (SSLSocket s = (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", gw.gateway().wsPort())) {
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
            }
            assertThat(gw.gateway().metrics().render())
                    .contains("switchboard_ws_handshakes_refused_total{reason=\"tls_handshake\"} 1.0");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaFailsTheHandshake() {
        try (TestGateway gw = startPem(CA.server("gateway"), "0s");
             WsClient c = connectTrusting(TestCertificates.ca("Someone Else's CA"), gw, "mallory")) {
            assertThat(c.failure()).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void replacedFilesServeTheNewCertificateToNewConnectionsWithoutARestart() throws IOException {
        TestCertificates.Server first = CA.server("gateway-2025");
        try (TestGateway gw = startPem(first, "0s")) {
            ReloadingSslContext tls = gw.gateway().tls().orElseThrow();
            AtomicInteger told = new AtomicInteger();
            tls.addReloadListener(context -> told.incrementAndGet());
            gw.service().put("/api/acl/doc:reload/members/carol");
            assertThat(peerCertificate(gw).getSerialNumber()).isEqualTo(first.serial());
            try (WsClient before = connectTrusting(CA, gw, "carol")) {
                before.next("welcome");
                before.join("doc:reload");

                TestCertificates.Server second = CA.server("gateway-2026");
                second.writePem(certFile(), keyFile());
                assertThat(tls.checkNow()).isTrue();

                X509Certificate served = peerCertificate(gw);
                assertThat(served.getSerialNumber()).isEqualTo(second.serial()).isNotEqualTo(first.serial());
                assertThat(served.getSubjectX500Principal().getName()).contains("CN=gateway-2026");
                assertThat(told).hasValue(1);
                publish(gw, "doc:reload", "still here");
                assertThat(before.events("doc:reload", 1).get(0).path("event").path("payload").path("text").asText())
                        .as("an open connection keeps going on its certificate").isEqualTo("still here");
            }
        }
    }

    @Test
    void aBrokenNewFileKeepsTheOldCertificate() throws IOException {
        TestCertificates.Server first = CA.server("gateway");
        try (TestGateway gw = startPem(first, "0s")) {
            ReloadingSslContext tls = gw.gateway().tls().orElseThrow();
            TestCertificates.Server other = CA.server("other");
            other.writePem(certFile(), dir.resolve("other.key"));
            assertThat(tls.checkNow()).as("a new certificate next to the old key").isFalse();
            assertThat(peerCertificate(gw).getSerialNumber()).isEqualTo(first.serial());

            Files.writeString(keyFile(), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
            assertThat(tls.checkNow()).as("a key file that is not a key").isFalse();
            assertThat(peerCertificate(gw).getSerialNumber()).isEqualTo(first.serial());

            Files.move(dir.resolve("other.key"), keyFile(), StandardCopyOption.REPLACE_EXISTING);
            assertThat(tls.checkNow()).isTrue();
            assertThat(peerCertificate(gw).getSerialNumber()).isEqualTo(other.serial());
        }
    }

    @Test
    void theReloadThreadNoticesChangedFiles() {
        try (TestGateway gw = startPem(CA.server("gateway"), "50ms")) {
            TestCertificates.Server renewed = CA.server("renewed");
            renewed.writePem(certFile(), keyFile());
            Await.until("the renewed certificate is served", () -> {
                try {
                    return peerCertificate(gw).getSerialNumber().equals(renewed.serial());
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aPkcs12FileServesWss() throws IOException {
        TestCertificates.Server cert = CA.server("gateway-p12");
        Path p12 = dir.resolve("server.p12");
        cert.writePkcs12(p12, "changeit-too");
        Map<ConfigKey, String> config = new EnumMap<>(ConfigKey.class);
        config.put(ConfigKey.TLS_PKCS12_FILE, p12.toString());
        config.put(ConfigKey.TLS_PKCS12_PASSWORD, "changeit-too");
        try (TestGateway gw = TestGateway.start(dir.resolve("data"), config)) {
            assertThat(peerCertificate(gw).getSerialNumber()).isEqualTo(cert.serial());
            try (WsClient c = connectTrusting(CA, gw, "dave")) {
                assertThat(c.next("welcome").path("userId").asText()).isEqualTo("dave");
            }
        }
    }

    @Test
    void aWrongPkcs12PasswordStopsStartUpNamingTheFile() {
        Path p12 = dir.resolve("server.p12");
        CA.server("gateway").writePkcs12(p12, "right");
        Map<ConfigKey, String> config = new EnumMap<>(ConfigKey.class);
        config.put(ConfigKey.TLS_PKCS12_FILE, p12.toString());
        config.put(ConfigKey.TLS_PKCS12_PASSWORD, "wrong");
        assertThatThrownBy(() -> TestGateway.start(dir.resolve("data"), config))
                .hasMessageContaining(p12.toString()).hasMessageContaining("tls.pkcs12-password");
    }

    /**
     * The upgrade deadline covers the TLS handshake: a socket that never starts one, one that sends
     * half a ClientHello, and one that completes TLS but never sends the upgrade are all closed.
     */
    @Test
    void theHandshakeTimeoutClosesSocketsStuckBeforeOrAfterTls() throws Exception {
        try (TestGateway gw = startPem(CA.server("gateway"), "0s", Map.of(ConfigKey.WS_HANDSHAKE_TIMEOUT, "500ms"));
             Socket silent = new Socket("127.0.0.1", gw.gateway().wsPort());
             Socket half = new Socket("127.0.0.1", gw.gateway().wsPort());
             SSLSocket mute = (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", gw.gateway().wsPort())) {
            byte[] hello = clientHello(0x0303);
            half.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
            mute.startHandshake();
            for (Socket s : List.of(silent, half, mute)) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                try {
                    while (in.read() >= 0) {
                        // drain until the server closes
                    }
                } catch (SSLException | SocketException closed) {
                    // a TLS socket may see the close as an error
                }
            }
            assertThat(gw.gateway().metrics().render())
                    .contains("switchboard_ws_handshakes_refused_total{reason=\"handshake_timeout\"} 3.0");
        }
    }

    @Test
    void aRefusedUpgradeIsStillAnsweredOverTls() {
        try (TestGateway gw = startPem(CA.server("gateway"), "0s")) {
            String url = "wss://127.0.0.1:" + gw.gateway().wsPort() + "/ws?token=forged";
            try (WsClient c = WsClient.connect(new Request.Builder().url(url).build(), CA.okHttp())) {
                assertThat(c.refusedStatus()).isEqualTo(401);
                assertThat(c.refusedBody()).contains("unauthorized");
            }
        }
    }

    /** A minimal ClientHello offering only {@code version} (0x0302 is TLS 1.1) and two CBC suites of that era. */
    private static byte[] clientHello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version & 0xff);
        body.writeBytes(new BigInteger(256, new Random(7)).toByteArray().length >= 32
                ? Arrays.copyOf(new BigInteger(256, new Random(7)).toByteArray(), 32) : new byte[32]);
        body.write(0); // no session id
        body.writeBytes(new byte[]{0, 4, (byte) 0xc0, 0x13, 0x00, 0x2f}); // ECDHE_RSA_AES_128_CBC_SHA, RSA_AES_128_CBC_SHA
        body.writeBytes(new byte[]{1, 0}); // null compression
        byte[] b = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[]{0x16, 0x03, 0x01, 0, (byte) (b.length + 4)});
        record.writeBytes(new byte[]{0x01, 0, 0, (byte) b.length});
        record.writeBytes(b);
        return record.toByteArray();
    }
}
