package dev.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the listeners' certificate comes from (docs/security.md, "TLS"). Either a PEM pair
 * ({@code tls.cert-file} + {@code tls.key-file}) or a PKCS12 file ({@code tls.pkcs12-file} +
 * {@code tls.pkcs12-password}); with neither, both listeners speak plain HTTP and WebSocket.
 *
 * @param certFile        PEM certificate chain, the server's certificate first; null without PEM
 * @param keyFile         PEM private key of the first certificate; null without PEM
 * @param pkcs12File      PKCS12 key store holding the key and its chain; null without PKCS12
 * @param pkcs12Password  the key store's password (also the key's); empty when it has none
 * @param reloadInterval  how often the files are checked for a new certificate; zero turns reloading off
 */
public record TlsSettings(Path certFile, Path keyFile, Path pkcs12File, String pkcs12Password, Duration reloadInterval) {

    public static TlsSettings off() {
        return new TlsSettings(null, null, null, "", Duration.ZERO);
    }

    public boolean enabled() {
        return certFile != null || pkcs12File != null;
    }

    /** The files whose changes mean a new certificate. */
    public List<Path> files() {
        return pkcs12File != null ? List.of(pkcs12File) : certFile != null
                ? List.of(certFile, keyFile) : List.of();
    }

    @Override
    public String toString() {
        // The password never reaches a log line.
        return pkcs12File != null ? "pkcs12=" + pkcs12File : certFile != null ? "cert=" + certFile + " key=" + keyFile : "off";
    }
}
