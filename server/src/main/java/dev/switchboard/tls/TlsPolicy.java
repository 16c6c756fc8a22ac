package dev.switchboard.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.List;
import java.util.Set;

/**
 * What the listeners negotiate: TLS 1.3 and 1.2 only, and of 1.2 only suites with forward secrecy and
 * authenticated encryption (ECDHE with AES-GCM or ChaCha20-Poly1305). Older protocols and CBC, RSA key
 * exchange, SHA-1 MAC suites are never offered, whatever the JDK's defaults are.
 */
public final class TlsPolicy {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** In order of preference; those the JDK lacks are left out. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /** The policy as parameters of a server engine made by {@code context}. */
    public static SSLParameters serverParameters(SSLContext context) {
        SSLParameters supported = context.getSupportedSSLParameters();
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(only(PROTOCOLS, supported.getProtocols()));
        p.setCipherSuites(only(CIPHER_SUITES, supported.getCipherSuites()));
        p.setUseCipherSuitesOrder(true);
        p.setNeedClientAuth(false);
        return p;
    }

    /** A server-side engine of {@code context} that follows the policy. */
    public static SSLEngine serverEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(serverParameters(context));
        return engine;
    }

    private static String[] only(List<String> wanted, String[] available) {
        Set<String> have = Set.of(available);
        return wanted.stream().filter(have::contains).toArray(String[]::new);
    }
}
