package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.PartnerAssessment;
import io.atsbridge.adapter.engine.domain.PartnerInterviewCancellation;
import io.atsbridge.connectors.Vendors;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * An ATS cancelled an assessment (Ashby's assessment.cancel): cancel its interview at the AI vendor, so the candidate is no longer invited and
 * not interviewed (or recorded) for nothing. The inbox event was stored with the cancellation; a failed call fails
 * the event, retried with the engine's backoff (5xx, time-outs) or ended as a dead letter with the vendor's reason
 * (other refusals). When the vendor answers that the interview had already completed, that is recorded in the
 * event's outcome and the audit record, and nothing else happens: the ATS cancelled, so the result is not
 * reported to it, and it stays at the vendor.
 */
@Singleton
final class PartnerCancellationStep {

    private final AssessmentPartners assessments;
    private final Connectors connectors;
    private final Clock clock;

    PartnerCancellationStep(AssessmentPartners assessments, Connectors connectors, Clock clock) {
        this.clock = clock;
        this.assessments = assessments;
        this.connectors = connectors;
    }

    /**
     * @throws SyncFailure when the AI vendor could not be called or refused the cancellation
     */
    Outcome process(ClaimedEvent event, Connection ai) {
        PartnerInterviewCancellation cancellation = PartnerInterviewCancellation.parse(event.rawBody()).orElseThrow(() ->
                new PermanentFailure(FailureReason.MALFORMED_PAYLOAD, "inbox event " + event.id() + " of connection "
                        + ai.id() + " is not an assessment cancellation (expected a JSON body with assessment_id "
                        + "and interview_id)"));
        PartnerAssessment assessment = assessments.findByInterview(event.tenantId(), ai.id(), cancellation.interviewId())
                .filter(a -> a.assessmentId().equals(cancellation.assessmentId()))
                .orElseThrow(() -> new PermanentFailure(FailureReason.CASE_STATE, "connection "
                + ai.id() + " has no assessment " + cancellation.assessmentId() + " with interview "
                + cancellation.interviewId() + " to cancel the interview of"));
        if (assessment.status() != PartnerAssessment.Status.CANCELLED
                || !assessment.interviewId().equals(cancellation.interviewId())) {
            // Only a cancellation atsbridge recorded may cancel an interview.
            return Outcome.ignored(assessment.protocol() + " assessment " + assessment.assessmentId() + " is " + assessment.status()
                    + " with interview " + assessment.interviewId() + ": interview " + cancellation.interviewId()
                    + " is not cancelled", List.of(audit(event, cancellation, "IGNORED")));
        }
        AiInterviewVendor.Cancellation answer;
        try {
            answer = connectors.aiVendor(ai).cancelInterview(cancellation.interviewId());
        } catch (RuntimeException e) {
            throw Failures.classify("cancelling interview " + cancellation.interviewId() + " of cancelled " + assessment.protocol()
                    + " assessment " + cancellation.assessmentId() + " at the AI vendor", e);
        }
        if (answer == AiInterviewVendor.Cancellation.ALREADY_COMPLETED) {
            return Outcome.done("interview " + cancellation.interviewId() + " of " + assessment.protocol() + " assessment "
                    + cancellation.assessmentId() + " had already completed at the AI vendor when the cancellation "
                    + "reached it; as " + display(assessment) + " cancelled the assessment, its result is not reported to "
                    + display(assessment),
                    List.of(audit(event, cancellation, "PARTNER_INTERVIEW_ALREADY_COMPLETED")));
        }
        return Outcome.done("interview " + cancellation.interviewId() + " of " + assessment.protocol() + " assessment "
                + cancellation.assessmentId() + " cancelled at the AI vendor", List.of(audit(event, cancellation,
                "PARTNER_INTERVIEW_CANCELLED")));
    }

    /** The ATS's name as its protocol gives it (e.g. Ashby), else the vendor's. */
    private static String display(PartnerAssessment assessment) {
        return Vendors.assessmentPartner(assessment.protocol().name()).map(p -> p.displayName())
                .orElse(assessment.protocol().name());
    }

    private AuditEntry audit(ClaimedEvent event, PartnerInterviewCancellation cancellation, String outcome) {
        return AuditRecords.received(event, event.id(), "", Map.of("interview_id", cancellation.interviewId(),
                "assessment_id", cancellation.assessmentId(), "outcome", outcome), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }
}
