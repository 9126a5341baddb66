package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.EventTranslator;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * Greenhouse recruiting webhooks ({@code {"action": ..., "payload": {...}}}) to canonical events.
 * Every documented action is known; those that need no action map to OTHER and are still stored.
 * The delivery key is the {@code Greenhouse-Event-ID} header.
 */
final class GreenhouseEvents implements EventTranslator {

    static final String EVENT_ID = "Greenhouse-Event-ID";

    /** Greenhouse's documented actions (vendors.md §0 and §1.3). */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            entry("new_candidate_application", "APPLICATION_CREATED"),
            entry("new_prospect_application", "APPLICATION_CREATED"),
            entry("candidate_stage_change", "STAGE_CHANGED"),
            entry("hire_candidate", "HIRED"),
            entry("unhire_candidate", "UNHIRED"),
            entry("reject_candidate", "REJECTED"),
            entry("unreject_candidate", "UNREJECTED"),
            entry("update_candidate", "CANDIDATE_UPDATED"),
            entry("application_updated", "CANDIDATE_UPDATED"),
            entry("merge_candidate", "CANDIDATE_MERGED"),
            entry("delete_candidate", "CANDIDATE_DELETED"),
            entry("delete_application", "APPLICATION_DELETED"),
            entry("candidate_anonymized", "CANDIDATE_ANONYMIZED"),
            entry("offer_created", "OFFER_CHANGED"),
            entry("offer_approved", "OFFER_CHANGED"),
            entry("offer_updated", "OFFER_CHANGED"),
            entry("offer_deleted", "OFFER_CHANGED"),
            entry("job_created", "JOB_CHANGED"),
            entry("job_deleted", "JOB_CHANGED"),
            entry("job_updated", "JOB_CHANGED"),
            entry("job_approved", "JOB_CHANGED"),
            entry("job_post_created", "JOB_CHANGED"),
            entry("job_post_updated", "JOB_CHANGED"),
            entry("job_post_deleted", "JOB_CHANGED"),
            entry("job_interview_stage_deleted", "JOB_CHANGED"),
            entry("interview_deleted", "OTHER"),
            entry("scorecard_deleted", "OTHER"),
            entry("department_deleted", "OTHER"),
            entry("office_deleted", "OTHER"),
            entry("ping", "OTHER"));

    @Override
    public CanonicalEvent translate(WebhookRequest request) {
        String deliveryKey = request.header(EVENT_ID);
        if (deliveryKey == null || deliveryKey.isBlank()) {
            throw new WebhookRejection(400, "DELIVERY_KEY_MISSING", "no Greenhouse-Event-ID header for connection "
                    + request.connectionId() + "; Greenhouse sends one with every delivery");
        }
        JsonNode root = JsonBodies.parse(request);
        JsonNode action = root.get("action");
        if (action == null || !action.isTextual() || action.asText().isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"action\"; Greenhouse webhooks are {\"action\": ..., \"payload\": {...}}");
        }
        if (!root.path("payload").isObject() && !action.asText().equals("ping")) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"payload\" object");
        }
        String eventType = ACTIONS.getOrDefault(action.asText(), "OTHER");
        List<CanonicalEvent.Ref> refs = new ArrayList<>();
        add(refs, "CANDIDATE", JsonBodies.firstText(root, List.of(
                "/payload/new_candidate_id", "/payload/application/candidate/id", "/payload/application/candidate_id",
                "/payload/candidate/id")));
        add(refs, "APPLICATION", JsonBodies.firstText(root, List.of("/payload/application/id")));
        add(refs, "REQUISITION", JsonBodies.firstText(root, List.of(
                "/payload/application/jobs/0/id", "/payload/application/job_id", "/payload/job/id")));
        // Greenhouse sends no event time; the application's last activity is the time of the change it reports.
        Instant occurred = JsonBodies.firstTime(root, List.of("/payload/application/last_activity_at"));
        return new CanonicalEvent(eventType, action.asText(), refs, occurred, deliveryKey.trim());
    }

    private static void add(List<CanonicalEvent.Ref> refs, String kind, @Nullable String id) {
        if (id != null && !id.isBlank()) {
            refs.add(new CanonicalEvent.Ref(kind, id));
        }
    }
}
