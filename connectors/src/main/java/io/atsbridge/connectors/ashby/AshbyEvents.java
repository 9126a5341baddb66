package io.atsbridge.connectors.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.EventRefs;
import io.atsbridge.connectors.webhook.EventTranslator;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * Ashby webhooks ({@code {"webhookActionId", "action", "data"}}) to canonical events (vendors.md §3).
 * The delivery key is {@code webhookActionId} and {@code action}: {@code webhookActionId} is identical
 * across retries, but also across the related webhooks Ashby fans out for one change
 * (candidateStageChange → applicationUpdate, candidateHire → applicationUpdate + candidateStageChange),
 * which arrive concurrently. Keyed by the id alone, whichever arrived first took the inbox row and the
 * others were answered as duplicates, so a candidateStageChange that lost the race to its
 * applicationUpdate never started the loop. With the action, a retry or replay of one webhook is still
 * stored once, and each related webhook once.
 *
 * <p>{@code candidateMerge} names two candidates (Ashby's OpenAPI, webhooks.candidateMerge): {@code
 * data.mergedCandidate.id}, the record Ashby kept, and {@code data.deletedCandidate.id}, the one merged into it and
 * deleted. The event carries both, the surviving one first as {@code VendorEvent.external_refs} asks for
 * CANDIDATE_MERGED; a merge without both ids is refused, since nothing could be done with it.
 */
final class AshbyEvents implements EventTranslator {

    static final Map<String, String> ACTIONS = Map.ofEntries(
            entry("applicationSubmit", "APPLICATION_CREATED"),
            entry("candidateStageChange", "STAGE_CHANGED"),
            entry("candidateHire", "HIRED"),
            entry("candidateDelete", "CANDIDATE_DELETED"),
            entry("candidateMerge", "CANDIDATE_MERGED"));

    @Override
    public CanonicalEvent translate(WebhookRequest request) {
        JsonNode root = JsonBodies.parse(request);
        String deliveryKey = JsonBodies.firstText(root, List.of("/webhookActionId"));
        if (deliveryKey == null || deliveryKey.isBlank()) {
            throw new WebhookRejection(400, "DELIVERY_KEY_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"webhookActionId\"; Ashby sends one with every delivery");
        }
        String action = JsonBodies.firstText(root, List.of("/action"));
        if (action == null || action.isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"action\"; Ashby webhooks are {\"webhookActionId\": ..., \"action\": ..., \"data\": {...}}");
        }
        if (!root.path("data").isObject() && !action.equals("ping")) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"data\" object");
        }
        String eventType = ACTIONS.getOrDefault(action,
                action.startsWith("job") ? "JOB_CHANGED" : action.startsWith("offer") ? "OFFER_CHANGED" : "OTHER");
        if (eventType.equals("CANDIDATE_MERGED")) {
            return merge(request, root, action, deliveryKey);
        }
        EventRefs refs = new EventRefs()
                .add("CANDIDATE", root, "/data/application/candidate/id", "/data/candidate/id")
                .add("APPLICATION", root, "/data/application/id")
                .add("REQUISITION", root, "/data/application/job/id", "/data/job/id", "/data/jobPosting/jobId")
                .add("INTERVIEW", root, "/data/interviewSchedule/id");
        if (eventType.equals("STAGE_CHANGED") && JsonBodies.firstText(root, List.of("/data/application/id")) == null) {
            throw new WebhookRejection(400, "FIELD_MISSING", "candidateStageChange for connection " + request.connectionId()
                    + " has no data.application.id");
        }
        // Ashby sends no event time; the application's updatedAt is the time of the change it reports.
        return new CanonicalEvent(eventType, action, refs.toList(),
                JsonBodies.firstTime(root, List.of("/data/application/updatedAt")), deliveryKey.trim() + "/" + action.trim());
    }

    private static CanonicalEvent merge(WebhookRequest request, JsonNode root, String action, String deliveryKey) {
        String surviving = JsonBodies.firstText(root, List.of("/data/mergedCandidate/id"));
        String deleted = JsonBodies.firstText(root, List.of("/data/deletedCandidate/id"));
        if (surviving == null || surviving.isBlank() || deleted == null || deleted.isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "candidateMerge for connection " + request.connectionId()
                    + " lacks " + (surviving == null || surviving.isBlank() ? "data.mergedCandidate.id" : "data.deletedCandidate.id")
                    + "; Ashby sends {\"deletedCandidate\": {\"id\": ...}, \"mergedCandidate\": {\"id\": ...}}");
        }
        if (surviving.trim().equals(deleted.trim())) {
            throw new WebhookRejection(400, "FIELD_INVALID", "candidateMerge for connection " + request.connectionId()
                    + " names candidate " + surviving.trim() + " as both the deleted and the merged candidate");
        }
        // The surviving candidate first: VendorEvent.external_refs for CANDIDATE_MERGED.
        List<CanonicalEvent.Ref> refs = new EventRefs().add("CANDIDATE", surviving).add("CANDIDATE", deleted).toList();
        return new CanonicalEvent("CANDIDATE_MERGED", action, refs, null, deliveryKey.trim() + "/" + action.trim());
    }
}
