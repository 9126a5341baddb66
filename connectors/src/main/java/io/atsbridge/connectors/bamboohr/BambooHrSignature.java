package io.atsbridge.connectors.bamboohr;

import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.SignatureScheme;
import io.atsbridge.connectors.webhook.TimestampWindow;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * BambooHR: {@code X-BambooHR-Signature} = hex HMAC-SHA256(private key, raw body + timestamp) with
 * {@code X-BambooHR-Timestamp} (unix seconds), which must be within the window (vendors.md §9).
 */
final class BambooHrSignature implements SignatureScheme {

    static final String SIGNATURE = "X-BambooHR-Signature";
    static final String TIMESTAMP = "X-BambooHR-Timestamp";

    private final TimestampWindow window;

    BambooHrSignature(TimestampWindow window) {
        this.window = window;
    }

    @Override
    public String name() {
        return "bamboohr-sha256";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String signature = request.header(SIGNATURE);
        String timestamp = request.header(TIMESTAMP);
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "X-BambooHR-Signature and X-BambooHR-Timestamp headers are "
                    + "required for connection " + request.connectionId() + " (scheme " + name() + ")");
        }
        byte[] presented = Hmac.parseHex(signature);
        if (presented == null) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", "X-BambooHR-Signature header for connection "
                    + request.connectionId() + " is not a hex digest (scheme " + name() + ")");
        }
        Instant at = window.parse(request, timestamp, "X-BambooHR-Timestamp", false);
        window.check(request, at, "X-BambooHR-Timestamp");
        byte[] suffix = timestamp.trim().getBytes(StandardCharsets.UTF_8);
        if (!Hmac.anyMatches(secrets, List.of(presented), secret -> Hmac.sha256(secret, request.body(), suffix))) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (header X-BambooHR-Signature, scheme " + name()
                    + "); check the webhook's private key configured in atsbridge");
        }
    }
}
