package io.atsbridge.adapter.sync;

import io.atsbridge.adapter.domain.AshbyInterviewCancellation;
import io.atsbridge.adapter.domain.AshbyPartnerAssessments;
import io.atsbridge.adapter.domain.ClaimedEvent;
import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.adapter.domain.ConnectionKind;
import io.atsbridge.adapter.domain.EventType;
import io.atsbridge.adapter.domain.PartnerAssessments;
import io.atsbridge.adapter.domain.SyncSettings;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.aivendor.InterviewCompletion;
import io.atsbridge.connectors.aivendor.InterviewResult;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what one inbox event means for the loop and hands it to the step that acts on it: a stage
 * change (or new application, which also names its current stage) of an ATS connection that runs the
 * loop, a merge of two candidate records in such an ATS (identity is told), an interview result from an AI
 * vendor, or the cancellation of an interview Ashby no longer wants, which atsbridge itself put into the
 * inbox. Everything else is acknowledged as IGNORED; events of connections that take part in the loop are
 * audited as received even then.
 */
@Singleton
final class EventProcessor implements EventHandler {

    private final ConnectionDirectory directory;
    private final StageChangeStep stageChange;
    private final InterviewResultStep interviewResult;
    private final PartnerAssessments partners;
    private final PartnerCompletionStep partnerCompletion;
    private final AshbyPartnerAssessments ashbyPartners;
    private final AshbyCompletionStep ashbyCompletion;
    private final AshbyCancellationStep ashbyCancellation;
    private final CandidateMergeStep candidateMerge;

    EventProcessor(ConnectionDirectory directory, StageChangeStep stageChange, InterviewResultStep interviewResult,
                   PartnerAssessments partners, PartnerCompletionStep partnerCompletion,
                   AshbyPartnerAssessments ashbyPartners, AshbyCompletionStep ashbyCompletion,
                   AshbyCancellationStep ashbyCancellation, CandidateMergeStep candidateMerge) {
        this.directory = directory;
        this.stageChange = stageChange;
        this.interviewResult = interviewResult;
        this.partners = partners;
        this.partnerCompletion = partnerCompletion;
        this.ashbyPartners = ashbyPartners;
        this.ashbyCompletion = ashbyCompletion;
        this.ashbyCancellation = ashbyCancellation;
        this.candidateMerge = candidateMerge;
    }

    /**
     * @param lastAttempt whether a retryable failure ends the event now
     * @throws SyncFailure when a step failed
     */
    @Override
    public Outcome process(ClaimedEvent event, boolean lastAttempt) {
        Connection connection = directory.find(event.tenantId(), event.connectionId()).orElseThrow(() ->
                new PermanentFailure(FailureReason.MISSING_CONFIGURATION, "connection " + event.connectionId()
                        + " does not exist in tenant " + event.tenantId()));
        if (connection.kind() == ConnectionKind.ATS) {
            SyncSettings sync = connection.sync();
            if (sync == null) {
                return Outcome.ignored("connection " + connection.id() + " does not run the loop (no trigger-stage): "
                        + "no action for " + event.eventType(), List.of());
            }
            if (event.eventType() == EventType.STAGE_CHANGED || event.eventType() == EventType.APPLICATION_CREATED) {
                return stageChange.process(event, connection, sync, lastAttempt);
            }
            if (event.eventType() == EventType.CANDIDATE_MERGED) {
                Optional<AtsConnector.CandidateMerge> merge = candidateMerge.merge(event, connection, sync);
                if (merge.isPresent()) {
                    return candidateMerge.process(event, connection, merge.get());
                }
            }
        } else if (AshbyInterviewCancellation.isCancellation(event.vendorEventType(), event.deliveryKey())) {
            return ashbyCancellation.process(event, connection);
        } else if (event.eventType() == EventType.INTERVIEW_COMPLETED
                || InterviewCompletion.TYPE.equals(event.vendorEventType())) {
            if (ashbyPartners.isPartner(event.tenantId(), connection.id())) {
                // An interview Ashby ordered through its assessment partner API, not a loop case.
                Optional<Outcome> ashby = ashbyCompletion.route(event, connection);
                if (ashby.isPresent()) {
                    return ashby.get();
                }
            }
            if (partners.isPartner(event.tenantId(), connection.id())) {
                // An interview Greenhouse ordered through the Assessment Partner API, not a loop case.
                InterviewResult result;
                try {
                    result = InterviewCompletion.parse(event.rawBody());
                } catch (RuntimeException e) {
                    result = null;
                }
                if (result != null) {
                    Optional<PartnerAssessments.Assessment> assessment = partners.find(event.tenantId(), connection.id(),
                            result.interviewId());
                    if (assessment.isPresent()) {
                        return partnerCompletion.process(event, connection, assessment.get(), result);
                    }
                    if (PartnerCompletionStep.SOURCE.equals(result.metadata().get("source"))) {
                        // The vendor was faster than send_test: the assessment is being recorded.
                        throw new TransientFailure("partner interview " + result.interviewId() + " is not recorded yet");
                    }
                }
            }
            return interviewResult.process(event, connection, lastAttempt);
        }
        return Outcome.ignored("no action for " + event.eventType()
                        + (event.vendorEventType().isEmpty() ? "" : " (" + event.vendorEventType() + ")"),
                List.of(AuditRecords.received(event, event.id(), "", Map.of("outcome", "IGNORED"),
                        Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }
}
