package io.atsbridge.adapter.outbound.domain;

import io.atsbridge.connectors.standardwebhooks.StandardWebhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Standard Webhooks v1 signatures (standardwebhooks.com): {@code webhook-signature: v1,<base64
 * HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, keyed by the base64 part of a
 * {@code whsec_<base64>} secret. The receiving side of the same scheme is the connectors library's
 * {@code StandardWebhooksSignature}.
 */
public final class StandardWebhooksSigner {

    /** The prefix of Standard Webhooks secrets. */
    public static final String SECRET_PREFIX = StandardWebhooks.SECRET_PREFIX;
    /** The shortest key accepted, in bytes (Standard Webhooks recommends 24 to 64). */
    public static final int MIN_KEY_BYTES = 24;
    /** The longest key accepted, in bytes. */
    public static final int MAX_KEY_BYTES = 64;

    private StandardWebhooksSigner() {
    }

    /**
     * The HMAC key of a {@code whsec_} secret, or empty when the secret is not {@code whsec_} followed by
     * base64 of {@value #MIN_KEY_BYTES}..{@value #MAX_KEY_BYTES} bytes.
     */
    public static Optional<byte[]> key(String secret) {
        Optional<byte[]> key = secret == null ? Optional.empty() : StandardWebhooks.secretKey(secret);
        if (key.isPresent() && (key.get().length < MIN_KEY_BYTES || key.get().length > MAX_KEY_BYTES)) {
            Arrays.fill(key.get(), (byte) 0);
            return Optional.empty();
        }
        return key;
    }

    /**
     * The {@code webhook-signature} header value.
     *
     * @param timestamp unix seconds, as sent in {@code webhook-timestamp}
     */
    public static String signature(byte[] key, String webhookId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
