package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.PartnerAssessment;
import io.atsbridge.connectors.Vendors;
import io.atsbridge.connectors.aivendor.InterviewCompletion;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol;
import io.atsbridge.platform.error.DomainException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AI interview an ATS ordered from atsbridge as its assessment partner finished: the assessment's row names the
 * ATS's protocol, and the protocol registered for that vendor ({@link Vendors#assessmentPartner}) says which link to
 * the result the ATS shows, what is stored with the result, and how the ATS is told. The result is stored, then the ATS
 * is called back (Greenhouse: PATCH of the completion URL; Ashby: assessment.update) through the partner connection's
 * governor for that ATS. A failed callback fails the inbox event, which is retried like any vendor call; the stored
 * result stays and is not stored twice. An assessment the ATS cancelled is left alone: nothing is reported.
 *
 * <p>Every protocol requires a link to the candidate's result with a completed assessment (Greenhouse's
 * partner_profile_url, Ashby's assessment_profile_url), so a result without one is a dead letter saying so.
 */
@Singleton
final class PartnerCompletionRouter {

    private final AssessmentPartners partners;
    private final Connectors connectors;
    private final Clock clock;

    PartnerCompletionRouter(AssessmentPartners partners, Connectors connectors, Clock clock) {
        this.clock = clock;
        this.partners = partners;
        this.connectors = connectors;
    }

    /**
     * The outcome when the event completes an interview an ATS ordered as an assessment; empty when it concerns another
     * interview (the caller routes it on as a loop case).
     *
     * @throws SyncFailure when the callback failed, or (retryable) when the interview was created for an assessment that
     *                     is not recorded yet
     */
    Optional<Outcome> route(ClaimedEvent event, Connection ai) {
        InterviewResult result;
        try {
            result = InterviewCompletion.parse(event.rawBody());
        } catch (RuntimeException e) {
            // Not a completion this router can read: the loop's own step reports it.
            return Optional.empty();
        }
        Optional<PartnerAssessment> assessment = partners.findByInterview(event.tenantId(), ai.id(), result.interviewId());
        if (assessment.isPresent()) {
            return Optional.of(process(event, ai, assessment.get(), result));
        }
        if (AssessmentPartners.isInterviewSource(result.metadata().get("source"))) {
            // The vendor was faster than the order's answer: the assessment is being recorded.
            throw new TransientFailure("partner assessment interview " + result.interviewId() + " is not recorded yet");
        }
        return Optional.empty();
    }

    private Outcome process(ClaimedEvent event, Connection ai, PartnerAssessment assessment, InterviewResult result) {
        AssessmentPartnerProtocol protocol = protocol(assessment);
        Map<String, String> refs = Map.of("interview_id", result.interviewId(), "assessment_id", assessment.assessmentId(),
                "protocol", assessment.protocol().name(), "outcome", "PARTNER_ASSESSMENT_COMPLETED");
        String what = protocol.displayName() + " assessment " + assessment.assessmentId() + " (interview "
                + result.interviewId() + ")";
        if (assessment.status() == PartnerAssessment.Status.CANCELLED) {
            return Outcome.ignored(protocol.displayName() + " cancelled assessment " + assessment.assessmentId()
                    + " (interview " + result.interviewId() + "): the result is not reported", List.of(audit(event,
                    assessment, result, "PARTNER_ASSESSMENT_CANCELLED")));
        }
        boolean sameResult = assessment.status() != PartnerAssessment.Status.INVITED && assessment.score() != null
                && Double.compare(assessment.score(), result.score()) == 0;
        if (assessment.status() == PartnerAssessment.Status.NOTIFIED && sameResult) {
            return Outcome.ignored("the result of " + what + " was already reported to " + protocol.displayName(),
                    List.of(AuditRecords.received(event, event.id(), "", refs, now())));
        }
        String step = "reporting " + what + " to " + protocol.displayName();
        String profileUrl = protocol.profileUrl(result);
        if (profileUrl == null) {
            throw new PermanentFailure(FailureReason.MISSING_DATA, step + ": "
                    + protocol.missingProfileUrl(result.interviewId()));
        }
        try {
            if (!sameResult || assessment.status() == PartnerAssessment.Status.INVITED) {
                if (!partners.complete(assessment, result.score(), profileUrl, protocol.labels(result))) {
                    return Outcome.ignored(protocol.displayName() + " cancelled assessment " + assessment.assessmentId()
                            + " while its result arrived: the result is not reported", List.of(AuditRecords.received(event,
                            event.id(), "", refs, now())));
                }
            }
            AssessmentPartners.Callback callback = partners.callback(assessment);
            protocol.reportCompletion(connectors.partnerCallback(ai, assessment.protocol()),
                    new AssessmentPartnerProtocol.Callback(callback.url(), callback.credential()),
                    new AssessmentPartnerProtocol.Completion(assessment.assessmentId(), result, profileUrl, now()));
            partners.notified(assessment);
        } catch (DomainException e) {
            if (AssessmentPartners.KEY_UNREADABLE.equals(e.reason())) {
                // The stored key does not open with this master key: no retry can fix that, an operator can.
                throw new PermanentFailure(FailureReason.MISSING_CONFIGURATION, step + ": " + e.getMessage(), e);
            }
            throw Failures.classify(step, e);
        } catch (RuntimeException e) {
            throw Failures.classify(step, e);
        }
        return Outcome.done(what + " reported complete to " + protocol.displayName(),
                List.of(AuditRecords.received(event, event.id(), "", refs, now())));
    }

    /** The protocol the assessment was ordered through, as the connectors library registers it. */
    private static AssessmentPartnerProtocol protocol(PartnerAssessment assessment) {
        return Vendors.assessmentPartner(assessment.protocol().name()).orElseThrow(() -> new PermanentFailure(
                FailureReason.MISSING_CONFIGURATION, "assessment " + assessment.assessmentId() + " of connection "
                + assessment.connectionId() + " was ordered through the " + assessment.protocol() + " assessment partner "
                + "protocol, which this version of atsbridge does not have (it has " + Vendors.withAssessmentPartners() + ")"));
    }

    private io.atsbridge.adapter.engine.domain.AuditEntry audit(ClaimedEvent event, PartnerAssessment assessment,
                                                               InterviewResult result, String outcome) {
        return AuditRecords.received(event, event.id(), "", Map.of("interview_id", result.interviewId(), "assessment_id",
                assessment.assessmentId(), "protocol", assessment.protocol().name(), "outcome", outcome), now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
