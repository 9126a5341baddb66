package io.atsbridge.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks v1 (standardwebhooks.com), used by AI vendors and custom sources: headers
 * {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, a
 * space-separated list of {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}.
 * Secrets are {@code whsec_<base64 key>}. The timestamp must be within the tolerance of now, which
 * with the id bounds replays.
 */
final class StandardWebhooksSignature implements SignatureScheme {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    @Override
    public String name() {
        return "standard-webhooks-v1";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String id = request.header(ID);
        String timestamp = request.header(TIMESTAMP);
        String signatures = request.header(SIGNATURE);
        if (id == null || timestamp == null || signatures == null) {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "webhook-id, webhook-timestamp and webhook-signature "
                    + "headers are required for connection " + request.connectionId() + " (scheme " + name() + ")");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookRejection(401, "TIMESTAMP_INVALID", "webhook-timestamp is not unix seconds for connection "
                    + request.connectionId());
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), request.receiveTime()).abs();
        if (skew.compareTo(TOLERANCE) > 0) {
            throw new WebhookRejection(401, "TIMESTAMP_OUT_OF_WINDOW", "webhook-timestamp is " + skew.toSeconds()
                    + " s away from now for connection " + request.connectionId() + " (allowed: "
                    + TOLERANCE.toSeconds() + " s); check the sender's clock");
        }
        byte[] signed = (id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] secret : secrets) {
            byte[] expected = Hmac.sha256(key(secret), signed, request.body());
            for (String candidate : signatures.trim().split(" +")) {
                int comma = candidate.indexOf(',');
                if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                    continue;
                }
                byte[] presented;
                try {
                    presented = Base64.getDecoder().decode(candidate.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                matched |= Hmac.equal(expected, presented);
            }
        }
        if (!matched) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (header webhook-signature, scheme " + name()
                    + "); check the signing secret configured at the sender");
        }
    }

    /** The HMAC key of a {@code whsec_} secret; other secrets are used as their UTF-8 bytes. */
    static byte[] key(byte[] secret) {
        String text = new String(secret, StandardCharsets.UTF_8);
        if (text.startsWith(SECRET_PREFIX)) {
            return Base64.getDecoder().decode(text.substring(SECRET_PREFIX.length()));
        }
        return secret;
    }
}
