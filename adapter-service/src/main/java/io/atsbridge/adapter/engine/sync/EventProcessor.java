package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.PartnerInterviewCancellation;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.aivendor.InterviewCompletion;
import io.atsbridge.connectors.aivendor.InterviewEnding;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what one inbox event means for the loop and hands it to the step that acts on it: a stage
 * change (or new application, which also names its current stage) of an ATS connection that runs the
 * loop, a merge of two candidate records in such an ATS (identity is told), an interview result from an AI
 * vendor (routed to the ATS that ordered it as an assessment, if one did), an interview that ended without a result
 * (declined, expired, abandoned, cancelled at the vendor), or the cancellation of an interview an
 * ATS no longer wants and the note telling a recruiter how a case ended, both of which atsbridge itself put into the
 * inbox. Everything else is acknowledged as IGNORED; events of connections that take part in the loop are
 * audited as received even then.
 */
@Singleton
final class EventProcessor implements EventHandler {

    private final ConnectionDirectory directory;
    private final StageChangeStep stageChange;
    private final InterviewResultStep interviewResult;
    private final PartnerCompletionRouter partnerCompletion;
    private final PartnerCancellationStep partnerCancellation;
    private final CandidateMergeStep candidateMerge;
    private final EndingNoteStep endingNote;
    private final InterviewEndingStep interviewEnding;
    private final BiasOutcomes outcomes;
    private final Clock clock;

    EventProcessor(ConnectionDirectory directory, StageChangeStep stageChange, InterviewResultStep interviewResult,
                   PartnerCompletionRouter partnerCompletion, PartnerCancellationStep partnerCancellation,
                   CandidateMergeStep candidateMerge, EndingNoteStep endingNote, InterviewEndingStep interviewEnding,
                   BiasOutcomes outcomes, Clock clock) {
        this.outcomes = outcomes;
        this.interviewEnding = interviewEnding;
        this.clock = clock;
        this.endingNote = endingNote;
        this.directory = directory;
        this.stageChange = stageChange;
        this.interviewResult = interviewResult;
        this.partnerCompletion = partnerCompletion;
        this.partnerCancellation = partnerCancellation;
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
            if (LoopEnding.isEnding(event.vendorEventType(), event.deliveryKey())) {
                return endingNote.process(event, connection, sync);
            }
            if (event.eventType() == EventType.STAGE_CHANGED || event.eventType() == EventType.APPLICATION_CREATED) {
                return withOutcomes(stageChange.process(event, connection, sync, lastAttempt),
                        outcomes.progressed(event, connection, sync));
            }
            if (event.eventType() == EventType.HIRED) {
                List<AuditEntry> hired = outcomes.progressed(event, connection, sync);
                if (!hired.isEmpty()) {
                    return Outcome.done("hire of " + hired.size() + " screened application(s) recorded for bias audits",
                            hired);
                }
            }
            if (event.eventType() == EventType.CANDIDATE_MERGED) {
                Optional<AtsConnector.CandidateMerge> merge = candidateMerge.merge(event, connection, sync);
                if (merge.isPresent()) {
                    return candidateMerge.process(event, connection, merge.get());
                }
            }
        } else if (PartnerInterviewCancellation.isCancellation(event.vendorEventType(), event.deliveryKey())) {
            return partnerCancellation.process(event, connection);
        } else if (InterviewEnding.Kind.of(event.vendorEventType()).isPresent()) {
            return interviewEnding.process(event, connection);
        } else if (event.eventType() == EventType.INTERVIEW_COMPLETED
                || InterviewCompletion.TYPE.equals(event.vendorEventType())) {
            // An interview an ATS ordered through its assessment partner API is not a loop case.
            Optional<Outcome> assessment = partnerCompletion.route(event, connection);
            if (assessment.isPresent()) {
                return assessment.get();
            }
            return interviewResult.process(event, connection, lastAttempt);
        }
        return Outcome.ignored("no action for " + event.eventType()
                        + (event.vendorEventType().isEmpty() ? "" : " (" + event.vendorEventType() + ")"),
                List.of(AuditRecords.received(event, event.id(), "", Map.of("outcome", "IGNORED"),
                        clock.instant().truncatedTo(ChronoUnit.MICROS))));
    }

    /** The step's outcome with the bias outcomes the event reports stored alongside its audit records. */
    private static Outcome withOutcomes(Outcome outcome, List<AuditEntry> progressed) {
        if (progressed.isEmpty()) {
            return outcome;
        }
        List<AuditEntry> audit = new ArrayList<>(outcome.audit());
        audit.addAll(progressed);
        return new Outcome(outcome.status(), outcome.text(), audit);
    }
}
