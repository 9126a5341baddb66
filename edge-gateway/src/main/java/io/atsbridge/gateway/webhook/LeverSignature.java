package io.atsbridge.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Lever: no signature header; the JSON body carries {@code signature}, {@code token} (random, 48
 * characters) and {@code triggeredAt} (epoch milliseconds), and {@code signature} is the lower-case
 * hex HMAC-SHA256(signature token, token + triggeredAt) — the two concatenated as text (vendors.md §2).
 * The signature does not cover {@code data}, so freshness ({@code triggeredAt} within the window) and
 * a replay cache of accepted tokens (kept by {@link WebhookReceiver}) are what stop a captured body
 * being sent again.
 */
final class LeverSignature implements SignatureScheme {

    private final TimestampWindow window;

    LeverSignature(TimestampWindow window) {
        this.window = window;
    }

    @Override
    public String name() {
        return "lever-hmac-sha256";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        JsonNode root = JsonBodies.parse(request);
        String signature = text(root, "signature");
        String token = text(root, "token");
        JsonNode triggeredAtNode = root.get("triggeredAt");
        String triggeredAt = triggeredAtNode == null || !triggeredAtNode.isValueNode() || triggeredAtNode.isNull()
                ? null : triggeredAtNode.asText();
        if (signature == null || token == null || triggeredAt == null || triggeredAt.isBlank()) {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "body fields signature, token and triggeredAt are required "
                    + "for connection " + request.connectionId() + " (scheme " + name() + "); generate a signing token for "
                    + "the webhook in Lever");
        }
        byte[] presented = Hmac.parseHex(signature);
        if (presented == null) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", "body field signature for connection "
                    + request.connectionId() + " is not a hex digest (scheme " + name() + ")");
        }
        byte[] signed = (token + triggeredAt).getBytes(StandardCharsets.UTF_8);
        if (!Hmac.anyMatches(secrets, List.of(presented), secret -> Hmac.sha256(secret, signed))) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (body field signature, scheme " + name()
                    + "); check the webhook's signature token configured in atsbridge");
        }
        Instant at = window.parse(request, triggeredAt, "triggeredAt", true);
        window.check(request, at, "triggeredAt");
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
    }
}
