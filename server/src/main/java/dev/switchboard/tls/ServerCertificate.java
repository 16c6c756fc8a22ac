package dev.switchboard.tls;

import dev.switchboard.config.TlsSettings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Arrays;

/**
 * One loaded certificate: its chain, and an {@link SSLContext} serving it. Made fresh from the files
 * each time they change; immutable afterwards.
 */
public record ServerCertificate(List<X509Certificate> chain, SSLContext context) {
    private static final char[] IN_MEMORY_PASSWORD = "switchboard".toCharArray();

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** Subject, serial and expiry, for log lines. */
    public String describe() {
        return "subject=\"" + leaf().getSubjectX500Principal().getName() + "\" serial=" + leaf().getSerialNumber().toString(16)
                + " notAfter=" + notAfter();
    }

    /** Reads the files the settings name; every problem is a {@link TlsException} naming the file. */
    public static ServerCertificate load(TlsSettings settings) throws TlsException {
        if (settings.pkcs12File() != null) {
            return fromPkcs12(settings);
        }
        List<X509Certificate> chain = PemFiles.certificates(settings.certFile());
        PrivateKey key = PemFiles.privateKey(settings.keyFile(), chain.get(0).getPublicKey().getAlgorithm());
        checkPair(key, chain.get(0), settings.keyFile() + " is not the key of " + settings.certFile());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            return new ServerCertificate(List.copyOf(chain), context(store, IN_MEMORY_PASSWORD));
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException("cannot use " + settings.certFile() + ": " + e.getMessage(), e);
        }
    }

    private static ServerCertificate fromPkcs12(TlsSettings settings) throws TlsException {
        char[] password = settings.pkcs12Password().toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(settings.pkcs12File())) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            // A wrong password surfaces here too, as an IOException caused by an UnrecoverableKeyException.
            throw new TlsException(settings.pkcs12File() + ": cannot read the PKCS12 file (wrong tls.pkcs12-password?): "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(settings.pkcs12File() + ": not a usable PKCS12 file: " + e.getMessage(), e);
        }
        try {
            String alias = null;
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    if (alias != null) {
                        throw new TlsException(settings.pkcs12File() + ": holds more than one private key ("
                                + alias + ", " + a + "); keep only the server's");
                    }
                    alias = a;
                }
            }
            if (alias == null) {
                throw new TlsException(settings.pkcs12File() + ": holds no private key");
            }
            Certificate[] certs = store.getCertificateChain(alias);
            if (certs == null || certs.length == 0 || !(certs[0] instanceof X509Certificate)) {
                throw new TlsException(settings.pkcs12File() + ": the key \"" + alias + "\" has no X.509 certificate");
            }
            List<X509Certificate> chain = Arrays.stream(certs).map(c -> (X509Certificate) c).toList();
            return new ServerCertificate(chain, context(store, password));
        } catch (GeneralSecurityException e) {
            throw new TlsException(settings.pkcs12File() + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    /**
     * A key that does not belong to the certificate only shows later as every handshake failing; a
     * signature made with the key and checked with the certificate finds it at load time.
     */
    private static void checkPair(PrivateKey key, X509Certificate cert, String mismatch) throws TlsException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new TlsException(mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsException(mismatch + " (" + e.getMessage() + ")", e);
        }
    }
}
