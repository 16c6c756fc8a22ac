package dev.switchboard.client;

import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The certificate authorities a client trusts for {@code wss://} and {@code https://}, read from a
 * PEM file (one or more {@code BEGIN CERTIFICATE} blocks): a gateway whose certificate one of them
 * signed is trusted, and no other, as with {@code curl --cacert}. For a private CA or a self-signed
 * gateway certificate; a gateway with a publicly trusted certificate needs none of this.
 */
public final class TrustedCa {
    private final Path file;
    private final X509TrustManager trustManager;
    private final SSLContext context;

    private TrustedCa(Path file, X509TrustManager trustManager, SSLContext context) {
        this.file = file;
        this.trustManager = trustManager;
        this.context = context;
    }

    /** Reads the file; a missing, unreadable or certificate-less file is an {@link IllegalArgumentException} naming it. */
    public static TrustedCa fromPem(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + file + ": cannot read certificates (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("CA file " + file + ": no \"-----BEGIN CERTIFICATE-----\" block");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            X509TrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509TrustManager x) {
                    tm = x;
                }
            }
            if (tm == null) {
                throw new IllegalStateException("no X.509 trust manager in this JDK");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{tm}, null);
            return new TrustedCa(file, tm, context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + file + ": " + e.getMessage(), e);
        }
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** A client context trusting these CAs only, e.g. for the JDK {@code HttpClient.Builder#sslContext}. */
    public SSLContext sslContext() {
        return context;
    }

    /** {@code http} with these CAs as its only trust; dispatcher, pool and timeouts are shared with it. */
    public OkHttpClient applyTo(OkHttpClient http) {
        return http.newBuilder().sslSocketFactory(context.getSocketFactory(), trustManager).build();
    }

    @Override
    public String toString() {
        return "TrustedCa[" + file + "]";
    }
}
