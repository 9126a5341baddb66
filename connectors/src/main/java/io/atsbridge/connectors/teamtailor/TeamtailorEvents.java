package io.atsbridge.connectors.teamtailor;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.EventRefs;
import io.atsbridge.connectors.webhook.EventTranslator;
import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * Teamtailor company webhooks ({@code {"payload": {"event_name", "data": {id, type, attributes}}}})
 * and partner webhooks ({@code {"partner-event": {...}}}) to canonical events (vendors.md §8).
 * Company webhooks carry no delivery id, so their key is the hex SHA-256 of the raw body; a partner
 * webhook's key is its {@code partner-event.id}.
 */
final class TeamtailorEvents implements EventTranslator {

    static final Map<String, String> EVENTS = Map.ofEntries(
            entry("candidate.create", "CANDIDATE_UPDATED"),
            entry("candidate.update", "CANDIDATE_UPDATED"),
            entry("candidate.destroy", "CANDIDATE_DELETED"),
            entry("job.create", "JOB_CHANGED"),
            entry("job.update", "JOB_CHANGED"),
            entry("job.destroy", "JOB_CHANGED"),
            entry("job_application.create", "APPLICATION_CREATED"),
            // Teamtailor sends update for stage, rejection and a few other changes; the stage is the one the loop acts on.
            entry("job_application.update", "STAGE_CHANGED"),
            entry("job_application.destroy", "APPLICATION_DELETED"));

    private static final Map<String, String> KINDS = Map.of(
            "candidates", "CANDIDATE", "jobs", "REQUISITION", "job-applications", "APPLICATION");

    @Override
    public CanonicalEvent translate(WebhookRequest request) {
        JsonNode root = JsonBodies.parse(request);
        if (TeamtailorSignature.isPartner(request)) {
            String id = JsonBodies.firstText(root, List.of("/partner-event/id"));
            if (id == null || id.isBlank()) {
                throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                        + " has no \"partner-event\".\"id\"");
            }
            EventRefs refs = new EventRefs()
                    .add("CANDIDATE", root, "/partner-event/candidate/id")
                    .add("REQUISITION", root, "/partner-event/candidate/job/id");
            return new CanonicalEvent("OTHER", "partner-event", refs.toList(), null, id.trim());
        }
        String event = JsonBodies.firstText(root, List.of("/payload/event_name"));
        if (event == null || event.isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no payload.event_name");
        }
        EventRefs refs = new EventRefs();
        String type = JsonBodies.firstText(root, List.of("/payload/data/type"));
        if (type != null && KINDS.containsKey(type)) {
            refs.add(KINDS.get(type), root, "/payload/data/id");
        }
        return new CanonicalEvent(EVENTS.getOrDefault(event, "OTHER"), event.trim(), refs.toList(), null,
                Hmac.sha256Hex(request.body()));
    }
}
