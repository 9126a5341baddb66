package io.atsbridge.connectors.standardwebhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.EventTranslator;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard Webhooks events ({@code {"type": ..., "timestamp": ..., "data": {...}}}) from AI vendors.
 * {@code interview.completed} carries a result; other types are stored as OTHER. The delivery key is
 * the {@code webhook-id} header.
 */
final class StandardWebhooksEvents implements EventTranslator {

    @Override
    public CanonicalEvent translate(WebhookRequest request) {
        String deliveryKey = request.header(StandardWebhooksSignature.ID);
        if (deliveryKey == null || deliveryKey.isBlank()) {
            throw new WebhookRejection(400, "DELIVERY_KEY_MISSING", "no webhook-id header for connection "
                    + request.connectionId());
        }
        JsonNode root = JsonBodies.parse(request);
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"type\"; Standard Webhooks events are {\"type\": ..., \"timestamp\": ..., \"data\": {...}}");
        }
        String eventType = switch (type.asText()) {
            case "interview.completed" -> "INTERVIEW_COMPLETED";
            default -> "OTHER";
        };
        List<CanonicalEvent.Ref> refs = new ArrayList<>();
        String interviewId = JsonBodies.firstText(root, List.of("/data/interview_id", "/data/id"));
        if (eventType.equals("INTERVIEW_COMPLETED") && (interviewId == null || interviewId.isBlank())) {
            throw new WebhookRejection(400, "FIELD_MISSING", "interview.completed for connection " + request.connectionId()
                    + " has no data.interview_id");
        }
        if (interviewId != null) {
            refs.add(new CanonicalEvent.Ref("INTERVIEW", interviewId));
        }
        Instant occurred = null;
        String timestamp = JsonBodies.firstText(root, List.of("/timestamp"));
        if (timestamp != null) {
            try {
                occurred = Instant.parse(timestamp);
            } catch (DateTimeParseException e) {
                throw new WebhookRejection(400, "FIELD_INVALID", "\"timestamp\" of the event for connection "
                        + request.connectionId() + " is not an ISO-8601 instant");
            }
        }
        return new CanonicalEvent(eventType, type.asText(), refs, occurred, deliveryKey.trim());
    }
}
