package io.atsbridge.adapter.sync;

import io.atsbridge.adapter.connector.Connectors;
import io.atsbridge.adapter.domain.AshbyInterviewCancellation;
import io.atsbridge.adapter.domain.AshbyPartnerAssessments;
import io.atsbridge.adapter.domain.AuditEntry;
import io.atsbridge.adapter.domain.ClaimedEvent;
import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Ashby cancelled an assessment: cancel its interview at the AI vendor, so the candidate is no longer invited and
 * not interviewed (or recorded) for nothing. The inbox event was stored with the cancellation; a failed call fails
 * the event, retried with the engine's backoff (5xx, time-outs) or ended as a dead letter with the vendor's reason
 * (other refusals). When the vendor answers that the interview had already completed, that is recorded in the
 * event's outcome and the audit record, and nothing else happens: Ashby cancelled, so the result is not pushed to
 * Ashby, and it stays at the vendor.
 */
@Singleton
final class AshbyCancellationStep {

    private final AshbyPartnerAssessments assessments;
    private final Connectors connectors;

    AshbyCancellationStep(AshbyPartnerAssessments assessments, Connectors connectors) {
        this.assessments = assessments;
        this.connectors = connectors;
    }

    /**
     * @throws SyncFailure when the AI vendor could not be called or refused the cancellation
     */
    Outcome process(ClaimedEvent event, Connection ai) {
        AshbyInterviewCancellation cancellation = AshbyInterviewCancellation.parse(event.rawBody()).orElseThrow(() ->
                new PermanentFailure(FailureReason.MALFORMED_PAYLOAD, "inbox event " + event.id() + " of connection "
                        + ai.id() + " is not an Ashby assessment cancellation (expected a JSON body with assessment_id "
                        + "and interview_id)"));
        AshbyPartnerAssessments.Assessment assessment = assessments.find(event.tenantId(), ai.id(),
                cancellation.assessmentId()).orElseThrow(() -> new PermanentFailure(FailureReason.CASE_STATE, "connection "
                + ai.id() + " has no Ashby assessment " + cancellation.assessmentId() + " to cancel the interview of"));
        if (assessment.status() != AshbyPartnerAssessments.Status.CANCELLED
                || !assessment.interviewId().equals(cancellation.interviewId())) {
            // Only a cancellation atsbridge recorded may cancel an interview.
            return Outcome.ignored("Ashby assessment " + assessment.assessmentId() + " is " + assessment.status()
                    + " with interview " + assessment.interviewId() + ": interview " + cancellation.interviewId()
                    + " is not cancelled", List.of(audit(event, cancellation, "IGNORED")));
        }
        AiInterviewVendor.Cancellation answer;
        try {
            answer = connectors.aiVendor(ai).cancelInterview(cancellation.interviewId());
        } catch (RuntimeException e) {
            throw Failures.classify("cancelling interview " + cancellation.interviewId() + " of cancelled Ashby assessment "
                    + cancellation.assessmentId() + " at the AI vendor", e);
        }
        if (answer == AiInterviewVendor.Cancellation.ALREADY_COMPLETED) {
            return Outcome.done("interview " + cancellation.interviewId() + " of Ashby assessment "
                    + cancellation.assessmentId() + " had already completed at the AI vendor when the cancellation "
                    + "reached it; as Ashby cancelled the assessment, its result is not reported to Ashby",
                    List.of(audit(event, cancellation, "ASHBY_INTERVIEW_ALREADY_COMPLETED")));
        }
        return Outcome.done("interview " + cancellation.interviewId() + " of Ashby assessment "
                + cancellation.assessmentId() + " cancelled at the AI vendor", List.of(audit(event, cancellation,
                "ASHBY_INTERVIEW_CANCELLED")));
    }

    private static AuditEntry audit(ClaimedEvent event, AshbyInterviewCancellation cancellation, String outcome) {
        return AuditRecords.received(event, event.id(), "", Map.of("interview_id", cancellation.interviewId(),
                "assessment_id", cancellation.assessmentId(), "outcome", outcome), Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
