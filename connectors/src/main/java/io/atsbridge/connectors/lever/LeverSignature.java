package io.atsbridge.connectors.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.SignatureScheme;
import io.atsbridge.connectors.webhook.SignedTimes;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lever: no signature header; the JSON body carries {@code signature}, {@code token} (random, 48
 * characters) and {@code triggeredAt} (epoch milliseconds), and {@code signature} is the lower-case
 * hex HMAC-SHA256(signature token, token + triggeredAt) — the two concatenated as text (Lever's developer
 * documentation, "Webhooks"; vendors.md §2).
 *
 * <p>Every Lever webhook (one event type each) has its own signature token (help.lever.co, "What is Lever's
 * Webhooks Subscription API?": "A Webhook signature token for each created Webhook"; the "Create a webhook" answer
 * returns it as {@code configuration.signatureToken}), so a delivery is checked against the tokens configured for
 * its own {@code event} only: a token never verifies another event's deliveries.
 *
 * <p>The signature does not cover {@code event} or {@code data}, so the token — a one-time value — is what stops a
 * captured body being sent again: the gateway refuses a reused token carrying other bytes, and the inbox
 * stores each token once, for good. {@code triggeredAt} is checked too, with one allowance: whether Lever's retries
 * ("five times, waiting longer and longer") and a Super Admin's manual "Rerun" keep the original {@code token} and
 * {@code triggeredAt} is not documented, so a delivery older than the timestamp window is a possible late retry and
 * is let through to the inbox up to the late-retry horizon ({@link SignedTimes}) after its {@code triggeredAt}: it is stored if its token was
 * never stored, acknowledged as a duplicate (nothing stored) otherwise. A {@code triggeredAt} further in the future
 * than the window, or older than the horizon, is refused.
 */
final class LeverSignature implements SignatureScheme {

    private final SignedTimes times;

    LeverSignature(SignedTimes times) {
        this.times = times;
    }

    @Override
    public String name() {
        return "lever-hmac-sha256";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        verify(request, new WebhookConnection(request.connectionId(), "", "LEVER", true, secrets));
    }

    @Override
    public void verify(WebhookRequest request, WebhookConnection connection) {
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
        String event = text(root, "event");
        if (event == null) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"event\"; Lever webhooks are {\"event\": ..., \"triggeredAt\": ..., \"data\": {...}}");
        }
        List<byte[]> secrets = new ArrayList<>(connection.eventSecrets().getOrDefault(event, List.of()));
        secrets.addAll(connection.secrets());
        if (secrets.isEmpty()) {
            throw new WebhookRejection(401, "EVENT_SECRET_MISSING", "connection " + request.connectionId()
                    + " has no signature token for Lever event " + WebhookRejection.printable(event) + " (scheme " + name()
                    + "); every Lever webhook, one event each, has its own token: add " + WebhookRejection.printable(event)
                    + ":<token> to atsbridge.connections." + request.connectionId() + ".webhook-event-secrets");
        }
        byte[] signed = (token + triggeredAt).getBytes(StandardCharsets.UTF_8);
        if (!Hmac.anyMatches(secrets, List.of(presented), secret -> Hmac.sha256(secret, signed))) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (body field signature, scheme " + name() + ", event "
                    + WebhookRejection.printable(event) + "); check the signature token of Lever's "
                    + WebhookRejection.printable(event) + " webhook in atsbridge.connections." + request.connectionId()
                    + ".webhook-event-secrets");
        }
        // A possible late retry within the horizon is let through: the token decides (see the class comment).
        times.check(request, times.parse(request, triggeredAt, "triggeredAt", true), "triggeredAt");
    }

    @Nullable
    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
    }
}
