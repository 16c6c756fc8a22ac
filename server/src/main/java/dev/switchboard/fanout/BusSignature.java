package dev.switchboard.fanout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs the batches nodes send each other over Redis, and checks them on arrival: whoever can reach
 * Redis (a misconfigured network, another application sharing it) could otherwise publish events on
 * the channel that every node would deliver to its devices as committed, and that would take the
 * place of the real events with the same seq. The key is derived from the token secret, which every
 * node of a cluster shares already; it is never the secret itself. A message is
 * {@code <signature>.<json>}, the signature an HMAC-SHA256 of the JSON, base64url without padding.
 *
 * <p>Thread-safe: each call makes its own {@link Mac}.
 */
final class BusSignature {
    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] key;

    BusSignature(String tokenSecret) {
        this.key = hmac(tokenSecret.getBytes(StandardCharsets.UTF_8), "switchboard redis bus v1".getBytes(StandardCharsets.UTF_8));
    }

    String sign(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, json.getBytes(StandardCharsets.UTF_8)))
                + "." + json;
    }

    /** The JSON of a correctly signed message, or null. */
    String verify(String message) {
        int dot = message.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String json = message.substring(dot + 1);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(message.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return MessageDigest.isEqual(given, hmac(key, json.getBytes(StandardCharsets.UTF_8))) ? json : null;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
