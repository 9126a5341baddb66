package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One accepted {@code assessment.update} call from a partner.
 *
 * @param timestamp  the partner's {@code timestamp}: milliseconds since the epoch when the update occurred
 * @param body       the whole request body as received
 * @param receivedAt when the simulator accepted it
 */
public record AssessmentUpdate(String assessmentId, long timestamp, JsonNode body, Instant receivedAt) {

    /** {@code assessment_status.value} as text, or null when the update has none (a cancellation). */
    @Nullable
    public String statusValue() {
        JsonNode value = body.path("assessment_status").path("value");
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** Whether the update carries {@code assessment_result} (which tells Ashby the assessment is complete). */
    public boolean completes() {
        return body.hasNonNull("assessment_result");
    }

    /** Whether the update carries {@code cancelled_reason}. */
    public boolean cancels() {
        return body.hasNonNull("cancelled_reason");
    }
}
