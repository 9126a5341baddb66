package io.atsbridge.sandbox.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Standard Webhooks v1 (standardwebhooks.com) signing: {@code webhook-signature: v1,<base64 HMAC-SHA256>}
 * over {@code "<webhook-id>.<webhook-timestamp>.<body>"}. The secret is written {@code whsec_<base64 key>};
 * the HMAC key is the base64-decoded part, not the string itself.
 */
public final class StandardWebhooksSignature {

    /** Header names, lowercase as the specification writes them. */
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooksSignature() {
    }

    /** The key bytes of a {@code whsec_...} secret (the prefix is optional, as in the reference libraries). */
    public static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException("webhook secret: empty key (expected: whsec_<base64 of at least one byte>)");
            }
            return key;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("webhook secret")) {
                throw e;
            }
            throw new IllegalArgumentException("webhook secret: not base64 after the whsec_ prefix (expected: whsec_<base64 key>)");
        }
    }

    /** The {@code webhook-signature} header value: {@code v1,<base64 signature>}. */
    public static String headerValue(String secret, String webhookId, long timestampSeconds, byte[] body) {
        byte[] signedPrefix = (webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(HmacSha256.mac(keyOf(secret), signedPrefix, body));
    }
}
