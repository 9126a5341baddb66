package io.atsbridge.adapter.sync;

import io.atsbridge.adapter.connector.Connectors;
import io.atsbridge.adapter.domain.ClaimedEvent;
import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.PartnerAssessments;
import io.atsbridge.connectors.aivendor.InterviewResult;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An AI interview that Greenhouse ordered through the Assessment Partner API finished: store the result
 * for test_status and PATCH Greenhouse's completion URL. A failed PATCH fails the inbox event, which is
 * retried like any vendor call; the stored result stays and is not stored twice.
 *
 * <p>Greenhouse requires {@code partner_profile_url} whenever test_status answers {@code complete}, and reports a
 * response without it through response_error ("partner_status is 'complete' but partner_profile url is missing",
 * assessment {@code _test_status.md} and {@code _response_error.md}). A result without a link to the candidate's
 * results (transcript or recording) is therefore not reported complete: the event becomes a dead letter saying so.
 */
@Singleton
final class PartnerCompletionStep {

    /** The metadata "source" of interviews created for the Assessment Partner API. */
    static final String SOURCE = "greenhouse-assessment-partner";

    private final PartnerAssessments partners;
    private final Connectors connectors;

    PartnerCompletionStep(PartnerAssessments partners, Connectors connectors) {
        this.partners = partners;
        this.connectors = connectors;
    }

    Outcome process(ClaimedEvent event, Connection ai, PartnerAssessments.Assessment assessment, InterviewResult result) {
        Map<String, String> refs = Map.of("interview_id", result.interviewId(), "outcome", "PARTNER_COMPLETED");
        boolean sameResult = assessment.status() != PartnerAssessments.Status.INVITED && assessment.score() != null
                && Double.compare(assessment.score(), result.score()) == 0;
        if (assessment.status() == PartnerAssessments.Status.NOTIFIED && sameResult) {
            return Outcome.ignored("the result of partner interview " + result.interviewId() + " was already reported to "
                    + "Greenhouse", List.of(AuditRecords.received(event, event.id(), "", refs, now())));
        }
        if (profileUrl(result) == null) {
            throw new PermanentFailure(FailureReason.MISSING_DATA, "partner interview " + result.interviewId() + " finished, "
                    + "but the AI vendor's result has no transcript or recording URL: Greenhouse requires partner_profile_url with partner_status "
                    + "complete (test_status), so the completion is not reported to Greenhouse. Have the AI vendor send a "
                    + "results link, then replay this dead letter");
        }
        try {
            if (!sameResult || assessment.status() == PartnerAssessments.Status.INVITED) {
                partners.complete(ai.id(), result.interviewId(), result.score(), profileUrl(result), metadata(result));
            }
            connectors.greenhouseAssessment().complete(assessment.completionUrl(), partners.key(event.tenantId(), ai.id()));
            partners.notified(ai.id(), result.interviewId());
        } catch (RuntimeException e) {
            throw Failures.classify("reporting partner interview " + result.interviewId() + " to Greenhouse", e);
        }
        return Outcome.done("partner interview " + result.interviewId() + " reported complete to Greenhouse",
                List.of(AuditRecords.received(event, event.id(), "", refs, now())));
    }

    /** The link to the candidate's results Greenhouse shows as partner_profile_url: the transcript, else the recording. */
    @io.micronaut.core.annotation.Nullable
    static String profileUrl(InterviewResult result) {
        if (result.transcriptUrl() != null && !result.transcriptUrl().isBlank()) {
            return result.transcriptUrl();
        }
        return result.recordingUrl() != null && !result.recordingUrl().isBlank() ? result.recordingUrl() : null;
    }

    /** Flat primitives for Greenhouse: no free text beyond the short labels. */
    static Map<String, String> metadata(InterviewResult result) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (result.recommendation() != null) {
            metadata.put("Recommendation", result.recommendation());
        }
        metadata.put("Score scale", fmt(result.scaleMin()) + " to " + fmt(result.scaleMax()));
        metadata.put("Confidence", fmt(result.confidence() * 100) + "%");
        metadata.put("Model", result.modelId() + " " + result.modelVersion());
        if (result.completedAt() != null) {
            metadata.put("Completed At", result.completedAt().toString());
        }
        return metadata;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
