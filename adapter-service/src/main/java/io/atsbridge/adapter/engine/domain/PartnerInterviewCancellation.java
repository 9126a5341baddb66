package io.atsbridge.adapter.engine.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.adapter.connections.domain.Connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The AI vendor interview of an assessment its ATS cancelled (Ashby's assessment.cancel), still to be cancelled at
 * the vendor. It travels as an
 * inbox event of the AI connection, stored in the transaction that records the cancellation, so the inbox worker
 * cancels the interview at least once, with the engine's retries and dead letters, and in order with the
 * interview's own events (it names the interview, as the vendor's {@code interview.completed} does).
 *
 * <p>The event's type and delivery key keep the names they had when only Ashby cancelled assessments: events stored
 * then are still in inboxes, and the assessment id alone (unique per connection whatever the ATS) is the key.
 *
 * @param assessmentId the id the ATS knows the assessment by
 * @param interviewId  the AI vendor's interview id
 */
public record PartnerInterviewCancellation(String assessmentId, String interviewId) {

    /**
     * The vendor event type of the inbox event. The event carries it with a delivery key of {@link #KEY_PREFIX}, which
     * the AI vendor's webhook ids ({@code msg_...}) never start with.
     */
    public static final String TYPE = "atsbridge.ashby_assessment.cancelled";
    /** How the delivery key of the inbox event starts; the assessment id follows, so one is stored per assessment. */
    public static final String KEY_PREFIX = "atsbridge:ashby-cancel:";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The inbox event that carries this cancellation for the AI connection. */
    public InboxEvent event(Connection ai, Instant now) {
        ObjectNode body = JSON.createObjectNode().put("assessment_id", assessmentId).put("interview_id", interviewId);
        return new InboxEvent(ai.tenantId(), ai.id(), ai.vendor(), EventType.OTHER, TYPE,
                List.of(new EventRef(ai.id(), ai.vendor().name(), "INTERVIEW", interviewId)), now, KEY_PREFIX + assessmentId,
                body.toString().getBytes(StandardCharsets.UTF_8), "application/json", now);
    }

    /** Whether the inbox event is one atsbridge stored for a cancellation (by its type and delivery key). */
    public static boolean isCancellation(String vendorEventType, String deliveryKey) {
        return TYPE.equals(vendorEventType) && deliveryKey.startsWith(KEY_PREFIX);
    }

    /** The cancellation an inbox event carries; empty when its body is not one. */
    public static Optional<PartnerInterviewCancellation> parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            String assessment = node == null ? "" : node.path("assessment_id").asText("");
            String interview = node == null ? "" : node.path("interview_id").asText("");
            return assessment.isEmpty() || interview.isEmpty() ? Optional.empty()
                    : Optional.of(new PartnerInterviewCancellation(assessment, interview));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
