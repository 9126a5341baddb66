package io.atsbridge.connectors.smartrecruiters;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.EventRefs;
import io.atsbridge.connectors.webhook.EventTranslator;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.util.Map;

import static java.util.Map.entry;

/**
 * SmartRecruiters notifications: a minimal body ({@code {"id": ...}}) with the event in the
 * {@code event-name} / {@code event-version} / {@code event-id} headers and a {@code Link} to the
 * current state (vendors.md §5). The full event list is only in SmartRecruiters' Live Docs; names
 * not listed here are stored as OTHER. The delivery key is the {@code event-id} header.
 */
final class SmartRecruitersEvents implements EventTranslator {

    static final Map<String, String> EVENTS = Map.ofEntries(
            entry("application.created", "APPLICATION_CREATED"),
            entry("application.status.updated", "STAGE_CHANGED"),
            entry("candidate.updated", "CANDIDATE_UPDATED"),
            entry("candidate.deleted", "CANDIDATE_DELETED"));

    @Override
    public CanonicalEvent translate(WebhookRequest request) {
        String deliveryKey = request.header(SmartRecruitersSignature.EVENT_ID);
        if (deliveryKey == null || deliveryKey.isBlank()) {
            throw new WebhookRejection(400, "DELIVERY_KEY_MISSING", "no event-id header for connection "
                    + request.connectionId() + "; SmartRecruiters sends one with every notification");
        }
        String name = request.header(SmartRecruitersSignature.EVENT_NAME);
        if (name == null || name.isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "no event-name header for connection " + request.connectionId());
        }
        JsonNode root = JsonBodies.parse(request);
        String eventType = EVENTS.getOrDefault(name,
                name.startsWith("job.") ? "JOB_CHANGED" : name.startsWith("offer.") ? "OFFER_CHANGED" : "OTHER");
        EventRefs refs = new EventRefs();
        if (name.startsWith("candidate.")) {
            refs.add("CANDIDATE", root, "/id", "/candidateId");
        } else if (name.startsWith("job.")) {
            refs.add("REQUISITION", root, "/id", "/jobId");
        } else {
            refs.add("CANDIDATE", root, "/candidateId").add("REQUISITION", root, "/jobId").add("APPLICATION", root, "/id");
        }
        return new CanonicalEvent(eventType, name.trim(), refs.toList(), null, deliveryKey.trim());
    }
}
