package dev.switchboard.tls;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.ConfigSources;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.TlsSettings;
import dev.switchboard.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the tls.* keys accept, and what an operator is told about what they do not. */
class ServerCertificateTest {
    static final TestCertificates.Ca CA = TestCertificates.ca("Loader Test CA");

    @TempDir
    Path dir;

    private TlsSettings pem() {
        return new TlsSettings(dir.resolve("cert.pem"), dir.resolve("key.pem"), null, "", Duration.ZERO);
    }

    @Test
    void aPkcs8KeyAndItsChainAreRead() throws TlsException {
        TestCertificates.Server server = CA.server("pkcs8");
        server.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        ServerCertificate loaded = ServerCertificate.load(pem());
        assertThat(loaded.leaf().getSerialNumber()).isEqualTo(server.serial());
        assertThat(loaded.chain()).hasSize(2);
        assertThat(loaded.describe()).contains("CN=pkcs8").contains(server.serial().toString(16));
    }

    @Test
    void anRsaKeyInTheTraditionalOpenSslFormatIsRead() throws TlsException {
        TestCertificates.Server server = CA.server("rsa", TestCertificates.KeyType.RSA);
        server.writePem(dir.resolve("cert.pem"), dir.resolve("unused.pem"));
        server.writeTraditionalKey(dir.resolve("key.pem"));
        assertThat(Files.exists(dir.resolve("key.pem"))).isTrue();
        assertThat(ServerCertificate.load(pem()).leaf().getSerialNumber()).isEqualTo(server.serial());
    }

    @Test
    void anEcKeyInTheTraditionalFormatIsRefusedWithTheCommandThatConvertsIt() {
        TestCertificates.Server server = CA.server("ec");
        server.writePem(dir.resolve("cert.pem"), dir.resolve("unused.pem"));
        server.writeTraditionalKey(dir.resolve("key.pem"));
        assertThatThrownBy(() -> ServerCertificate.load(pem()))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + dir.resolve("key.pem"));
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        CA.server("enc").writePem(dir.resolve("cert.pem"), dir.resolve("unused.pem"));
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ServerCertificate.load(pem())).hasMessageContaining("encrypted").hasMessageContaining("openssl");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtLoad() {
        CA.server("one").writePem(dir.resolve("cert.pem"), dir.resolve("one.key"));
        CA.server("two").writePem(dir.resolve("two.pem"), dir.resolve("key.pem"));
        assertThatThrownBy(() -> ServerCertificate.load(pem()))
                .hasMessageContaining(dir.resolve("key.pem") + " is not the key of " + dir.resolve("cert.pem"));
    }

    @Test
    void aFileWithoutCertificatesIsRefusedNamingIt() throws Exception {
        Files.writeString(dir.resolve("cert.pem"), "hello\n");
        Files.writeString(dir.resolve("key.pem"), "hello\n");
        assertThatThrownBy(() -> ServerCertificate.load(pem()))
                .hasMessageContaining(dir.resolve("cert.pem").toString()).hasMessageContaining("BEGIN CERTIFICATE");
    }

    @Test
    void tlsIsOffByDefaultAndHalfAPairOrBothKindsAreConfigurationErrors() {
        assertThat(GatewayConfig.defaults().tls().enabled()).isFalse();
        assertThatThrownBy(() -> GatewayConfig.from(Map.of(ConfigKey.TLS_CERT_FILE, "/x/cert.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.key-file: is needed with tls.cert-file");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of(ConfigKey.TLS_CERT_FILE, "/x/c.pem", ConfigKey.TLS_KEY_FILE, "/x/k.pem",
                ConfigKey.TLS_PKCS12_FILE, "/x/s.p12")))
                .hasMessageContaining("tls.pkcs12-file: give either");
        GatewayConfig config = GatewayConfig.from(ConfigSources.merge(null,
                Map.of("SWITCHBOARD_TLS_PKCS12_PASSWORD", "from-env"),
                Map.of("tls.pkcs12-file", "/x/s.p12")));
        assertThat(config.tls().pkcs12Password()).isEqualTo("from-env");
        assertThat(config.tls().reloadInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.describe()).contains("pkcs12=/x/s.p12").doesNotContain("from-env");
    }
}
