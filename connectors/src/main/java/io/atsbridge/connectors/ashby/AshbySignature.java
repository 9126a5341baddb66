package io.atsbridge.connectors.ashby;

import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.SignatureScheme;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.util.List;

/**
 * Ashby: header {@code Ashby-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>} (vendors.md §3).
 * There is no timestamp, so no replay window: the inbox deduplicates on {@code webhookActionId} and {@code action}.
 */
final class AshbySignature implements SignatureScheme {

    static final String HEADER = "Ashby-Signature";
    private static final String PREFIX = "sha256=";

    @Override
    public String name() {
        return "ashby-sha256";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "no Ashby-Signature header for connection "
                    + request.connectionId() + " (scheme " + name() + "); set a secret token on the webhook in Ashby");
        }
        byte[] presented = header.trim().startsWith(PREFIX) ? Hmac.parseHex(header.trim().substring(PREFIX.length())) : null;
        if (presented == null) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", "Ashby-Signature header for connection "
                    + request.connectionId() + " is not 'sha256=<hex>' (scheme " + name() + ")");
        }
        if (!Hmac.anyMatches(secrets, List.of(presented), secret -> Hmac.sha256(secret, request.body()))) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (header Ashby-Signature, scheme " + name()
                    + "); check the secret token configured in Ashby");
        }
    }
}
