package io.atsbridge.connectors.standardwebhooks;

import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.SignatureScheme;
import io.atsbridge.connectors.webhook.TimestampWindow;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks v1 (standardwebhooks.com), used by AI vendors and custom sources: headers
 * {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, a
 * space-separated list of {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}.
 * Secrets are {@code whsec_<base64 key>}. The timestamp must be within the configured window of now, which
 * with the id bounds replays.
 */
final class StandardWebhooksSignature implements SignatureScheme {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    private final TimestampWindow window;

    StandardWebhooksSignature(TimestampWindow window) {
        this.window = window;
    }

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
        window.check(request, window.parse(request, timestamp, "webhook-timestamp", false), "webhook-timestamp");
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
        if (text.startsWith(StandardWebhooks.SECRET_PREFIX)) {
            return StandardWebhooks.secretKey(text).orElseThrow(() -> new IllegalArgumentException(
                    "a " + StandardWebhooks.SECRET_PREFIX + " secret is not followed by base64"));
        }
        return secret;
    }
}
