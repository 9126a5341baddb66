package io.atsbridge.connectors.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.EventRefs;
import io.atsbridge.connectors.webhook.EventTranslator;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * Lever webhooks ({@code {event, triggeredAt, token, signature, data}}) to canonical events (Lever's developer
 * documentation, "Webhooks"). The delivery key is the body's {@code token}, Lever's one-time value that the
 * documentation suggests caching against replays. Whether a retry or a manual Rerun carries the same token is not
 * documented: if it does, the inbox stores the delivery once; if it does not, the retry is a new delivery and the
 * loop's own case key keeps it from starting a second interview.
 */
final class LeverEvents implements EventTranslator {

    static final Map<String, String> EVENTS = Map.ofEntries(
            entry("applicationCreated", "APPLICATION_CREATED"),
            entry("candidateHired", "HIRED"),
            entry("candidateStageChange", "STAGE_CHANGED"),
            entry("candidateDeleted", "CANDIDATE_DELETED"),
            entry("interviewCreated", "OTHER"),
            entry("interviewUpdated", "OTHER"),
            entry("interviewDeleted", "OTHER"),
            entry("contactCreated", "CANDIDATE_UPDATED"),
            entry("contactUpdated", "CANDIDATE_UPDATED"));

    @Override
    public CanonicalEvent translate(WebhookRequest request) {
        JsonNode root = JsonBodies.parse(request);
        String event = JsonBodies.firstText(root, List.of("/event"));
        if (event == null || event.isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"event\"; Lever webhooks are {\"event\": ..., \"triggeredAt\": ..., \"data\": {...}}");
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"data\" object");
        }
        String eventType = event.equals("candidateArchiveChange") ? archiveChange(data) : EVENTS.getOrDefault(event, "OTHER");
        EventRefs refs = new EventRefs()
                .add("CANDIDATE", root, "/data/contactId", "/data/candidateId")
                .add("APPLICATION", root, "/data/opportunityId")
                .add("INTERVIEW", root, "/data/interviewId");
        if (eventType.equals("STAGE_CHANGED") && JsonBodies.firstText(root, List.of("/data/opportunityId")) == null) {
            throw new WebhookRejection(400, "FIELD_MISSING", "candidateStageChange for connection " + request.connectionId()
                    + " has no data.opportunityId");
        }
        String token = JsonBodies.firstText(root, List.of("/token"));
        if (token == null) {
            // The token is the delivery's key for replay checks; without one the event could not be forwarded.
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"token\"; every Lever webhook carries one");
        }
        Instant occurred = root.path("triggeredAt").canConvertToLong() ? Instant.ofEpochMilli(root.path("triggeredAt").asLong()) : null;
        return new CanonicalEvent(eventType, event, refs.toList(), occurred, token);
    }

    /**
     * candidateArchiveChange carries {@code toArchived} (the archive state now, null when
     * unarchived) and {@code fromArchived}: archiving is a rejection, unarchiving undoes it. An
     * archive reason of "hired" is reported by Lever as candidateHired separately.
     */
    private static String archiveChange(JsonNode data) {
        JsonNode to = data.get("toArchived");
        if (to != null && !to.isNull() && !(to.isBoolean() && !to.asBoolean())) {
            return "REJECTED";
        }
        JsonNode from = data.get("fromArchived");
        if (from != null && !from.isNull()) {
            return "UNREJECTED";
        }
        return "OTHER";
    }
}
