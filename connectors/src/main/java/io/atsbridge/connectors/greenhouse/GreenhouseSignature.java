package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.SignatureScheme;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Greenhouse: header {@code Signature: sha256 <lowercase hex HMAC-SHA256(secret, raw body)>} — the
 * algorithm name, a space, then the digest; computed over the body exactly as sent (unicode escaped).
 */
final class GreenhouseSignature implements SignatureScheme {

    static final String HEADER = "Signature";
    private static final String PREFIX = "sha256 ";

    @Override
    public String name() {
        return "greenhouse-sha256";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "no Signature header for connection "
                    + request.connectionId() + " (scheme " + name() + "); Greenhouse signs every webhook when a secret key is set");
        }
        if (!header.startsWith(PREFIX)) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", "Signature header for connection " + request.connectionId()
                    + " is not 'sha256 <hex>' (scheme " + name() + ")");
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", "Signature header for connection " + request.connectionId()
                    + " does not carry a hex digest (scheme " + name() + ")");
        }
        boolean matched = false;
        for (byte[] secret : secrets) {
            matched |= Hmac.equal(Hmac.sha256(secret, request.body()), presented);
        }
        if (!matched) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (header Signature, scheme " + name()
                    + "); check the secret key configured in Greenhouse");
        }
    }
}
