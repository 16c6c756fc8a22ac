package dev.switchboard.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files operators get from their CA or from certbot: a certificate chain and an
 * unencrypted private key. Keys in PKCS#8 ({@code BEGIN PRIVATE KEY}) of any algorithm the JDK knows,
 * and RSA keys in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, which is the same key wrapped in fewer
 * layers), are read; the others are refused with the {@code openssl} command that converts them.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String TO_PKCS8 = "openssl pkcs8 -topk8 -nocrypt -in %s -out %s.pkcs8.pem";
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemFiles() {
    }

    /** The chain in file order; the first one is the server's certificate. */
    static List<X509Certificate> certificates(Path file) throws TlsException {
        String text = read(file);
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(file, m.group(2)))));
                }
            }
        } catch (CertificateException e) {
            throw new TlsException(file + ": not a valid certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsException(file + ": no \"-----BEGIN CERTIFICATE-----\" block");
        }
        return chain;
    }

    /** The key, read as a key of {@code algorithm} (the certificate's public key algorithm). */
    static PrivateKey privateKey(Path file, String algorithm) throws TlsException {
        String text = read(file);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            String body = m.group(2);
            switch (type) {
                case "PRIVATE KEY" -> {
                    return parse(file, algorithm, decode(file, body));
                }
                case "RSA PRIVATE KEY" -> {
                    if (body.contains("ENCRYPTED")) {
                        throw new TlsException(file + ": the key is encrypted; give an unencrypted key (restrict the"
                                + " file's permissions instead), e.g. " + String.format(TO_PKCS8, file, file));
                    }
                    return parse(file, "RSA", pkcs8(RSA_ALGORITHM, decode(file, body)));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsException(file + ": the key is encrypted; give an"
                        + " unencrypted PKCS#8 key (restrict the file's permissions instead), e.g. "
                        + String.format(TO_PKCS8, file, file));
                case "EC PRIVATE KEY" -> throw new TlsException(file + ": EC keys in the OpenSSL format (BEGIN EC"
                        + " PRIVATE KEY) are not read; convert the key to PKCS#8 (BEGIN PRIVATE KEY) with: "
                        + String.format(TO_PKCS8, file, file));
                default -> {
                    // certificates or parameters next to the key: skip them
                }
            }
        }
        throw new TlsException(file + ": no \"-----BEGIN PRIVATE KEY-----\" block");
    }

    private static PrivateKey parse(Path file, String algorithm, byte[] pkcs8) throws TlsException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new TlsException(file + ": not a valid " + algorithm + " private key for the certificate"
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, algorithm, OCTET STRING key }. */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[]{0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.write(0x04);
        body.writeBytes(derLength(key.length));
        body.writeBytes(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(derLength(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[]{(byte) n};
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
        byte[] out = new byte[1 + bytes];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (n >>> (8 * i));
        }
        return out;
    }

    private static byte[] decode(Path file, String body) throws TlsException {
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new TlsException(file + ": broken PEM block (" + e.getMessage() + ")", e);
        }
    }

    private static String read(Path file) throws TlsException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsException(file + ": cannot read (" + e + ")", e);
        }
    }
}
