package dev.switchboard.console.connect;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals remembered admin tokens so none is ever written to disk in plain text: AES-256-GCM with a
 * random key kept in its own owner-only file ({@code console.key}) in the console's home, apart from
 * the list of recent gateways. A copied recent-gateways file, a backup or a support bundle holds no
 * usable token. It does not protect against someone who can read the user's whole home folder (they
 * could read the key too); a user who wants no token on disk at all leaves "Remember token" off.
 *
 * <p>Threads: any; file work happens once, on first use.
 */
public final class TokenVault {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private SecretKey key;

    public TokenVault(Path home) {
        this.keyFile = home.resolve("console.key");
    }

    /** {@code base64(iv || ciphertext+tag)}. */
    public synchronized String seal(String token) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal the token: " + e.getMessage(), e);
        }
    }

    /** The token, or null when it cannot be opened (another machine's key, a damaged file). */
    public synchronized String open(String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private SecretKey key() throws IOException, GeneralSecurityException {
        if (key != null) {
            return key;
        }
        if (Files.exists(keyFile)) {
            key = new SecretKeySpec(Base64.getDecoder().decode(Files.readString(keyFile).trim()), "AES");
            return key;
        }
        KeyGenerator g = KeyGenerator.getInstance("AES");
        g.init(256, RANDOM);
        SecretKey fresh = g.generateKey();
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh.getEncoded()));
        try {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the user's profile folder is the protection
        }
        key = fresh;
        return key;
    }
}
