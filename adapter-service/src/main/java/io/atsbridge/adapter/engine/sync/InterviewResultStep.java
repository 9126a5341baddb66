package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.LoopTransitions;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.aivendor.InterviewCompletion;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.proto.mapping.v1.WritePlan;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AI interview finished: plan the write-back with mapping-service and execute it on the ATS —
 * candidate custom fields and merged tags, application custom fields, and the attributed note —
 * recording exactly what was written. One writer per case (the guarded INVITED → WRITING step); every
 * write can be repeated: field values and tags are set, not added, and the note is added only when no
 * note on the candidate's activity feed carries the case's trace id and the result's reference yet.
 *
 * <p>Field ownership: a custom field is written only when it is empty and atsbridge never wrote it, or
 * still shows what atsbridge last wrote (see {@link FieldOwnershipRules}). Otherwise a person changed it:
 * the value is left alone and a {@link WriteConflict} goes to the review queue ({@link ConflictReview}),
 * while the other fields and the note are written as usual. A field an operator kept for a person stays
 * theirs. A re-scored result (a completion of the same interview with another result, WRITTEN →
 * WRITING) is written again under the same rules, with a note of its own; the same result again is ignored.
 *
 * <p>Consent: before anything is written, consent-service is asked again, for AI_SCORING (with the result's
 * confidence) and WRITE_BACK, about the data the interview captured and the result, in the candidate's and the
 * requisition's places. When either stops the loop (a consent withdrawn since, a notice period not passed), nothing
 * is written, the case becomes CONSENT_BLOCKED and subscribers get {@code consent.required}. When either asks for
 * human review (the confidence is below the floor), the result is written without its recommendation and its note
 * says first that a person must review it.
 *
 * <p>The parts: {@link ResultTransitions} moves the case, {@link WriteBackConsent} asks consent,
 * {@link WriteBackMessages} builds mapping-service's request, {@link PlannedWrites} decides each planned field,
 * {@link ResultNote} adds the note once, {@link WrittenOwnership} records what atsbridge owns afterwards and
 * {@link WriteBackAudit} says what happened. This class reads and writes in their order.
 */
@Singleton
final class InterviewResultStep {

    private final LoopStore cases;
    private final ConnectionDirectory directory;
    private final Connectors connectors;
    private final LoopPeers peers;
    private final FieldDefinitionCheck fieldCheck;
    private final ResultTransitions transitions;
    private final WriteBackConsent consent;
    private final ResultNextStep nextStep;
    private final Clock clock;

    InterviewResultStep(LoopStore cases, ConnectionDirectory directory, Connectors connectors, LoopPeers peers,
                        FieldDefinitionCheck fieldCheck, ResultTransitions transitions, WriteBackConsent consent,
                        ResultNextStep nextStep, Clock clock) {
        this.clock = clock;
        this.nextStep = nextStep;
        this.cases = cases;
        this.directory = directory;
        this.connectors = connectors;
        this.peers = peers;
        this.fieldCheck = fieldCheck;
        this.transitions = transitions;
        this.consent = consent;
    }

    Outcome process(ClaimedEvent event, Connection ai, boolean lastAttempt) {
        InterviewResult result;
        try {
            result = InterviewCompletion.parse(event.rawBody());
        } catch (RuntimeException e) {
            throw Failures.classify("reading the interview.completed body", e)
                    .withAudit(List.of(AuditRecords.received(event, event.id(), "", Map.of("outcome", "FAILED"), now())));
        }
        Map<String, String> refs = Map.of("interview_id", result.interviewId());
        Optional<LoopCase> found = cases.findByInterview(ai.id(), result.interviewId());
        if (found.isEmpty()) {
            if (invitationBeingRecorded(event, result)) {
                // The vendor was faster than this service: the case that invited it has not stored the interview id yet.
                throw new TransientFailure("interview " + result.interviewId() + " is not recorded yet; its case is still "
                        + "being invited");
            }
            throw new PermanentFailure(FailureReason.CASE_STATE, "unknown interview " + result.interviewId()
                    + " for connection " + ai.id() + ": no loop case invited it")
                    .withAudit(List.of(AuditRecords.received(event, event.id(), "", WriteBackAudit.withOutcome(refs, "FAILED"),
                            now())));
        }
        LoopCase loopCase = found.get();
        String resultSha256 = LoopIds.sha256Hex(result.fingerprint());
        Instant received = now();
        List<AuditEntry> arrival = List.of(
                AuditRecords.received(event, loopCase.traceId(), loopCase.applicationId(),
                        WriteBackAudit.withOutcome(refs, "WRITING"), received),
                AuditRecords.record(event, loopCase.traceId(), AuditRecords.RESULT_RECEIVED, loopCase.applicationId(), ai.id(),
                        WriteBackAudit.resultReceived(result, loopCase), LoopIds.sha256(event.rawBody()), received));
        Optional<Outcome> settled = transitions.begin(event, loopCase, result, resultSha256, arrival, received);
        if (settled.isPresent()) {
            return settled.get();
        }
        String step = "writing back interview " + result.interviewId() + " (case " + loopCase.id() + ")";
        try {
            return writeBack(event, ai, result, resultSha256, cases.find(loopCase.id()).orElseThrow(), step);
        } catch (RuntimeException e) {
            SyncFailure failure = Failures.classify(step, e);
            transitions.end(loopCase, event.id(), failure, lastAttempt);
            throw failure;
        }
    }

    /** Whether the metadata atsbridge sent with the invitation names a case that is still inviting. */
    private boolean invitationBeingRecorded(ClaimedEvent event, InterviewResult result) {
        String atsConnectionId = result.metadata().get("ats_connection_id");
        String applicationId = result.metadata().get("application_id");
        if (atsConnectionId == null || applicationId == null) {
            return false;
        }
        return cases.findByApplication(atsConnectionId, applicationId).stream()
                .anyMatch(c -> c.tenantId().equals(event.tenantId()) && LoopTransitions.accepts(c.status(), Event.INVITE));
    }

    /**
     * Writes the result back onto the case's ATS records, the case being WRITING by the event.
     *
     * @param step what is being done, for the failures this method knows the kind of
     */
    private Outcome writeBack(ClaimedEvent event, Connection ai, InterviewResult result, String resultSha256,
                              LoopCase loopCase, String step) {
        Connection ats = directory.find(event.tenantId(), loopCase.atsConnectionId()).orElseThrow(() -> new PermanentFailure(
                FailureReason.MISSING_CONFIGURATION, "ATS connection " + loopCase.atsConnectionId() + " no longer exists"));
        SyncSettings sync = ats.sync();
        if (sync == null) {
            throw new PermanentFailure(FailureReason.MISSING_CONFIGURATION, "ATS connection " + ats.id()
                    + " no longer runs the loop (no trigger-stage)");
        }
        WriteBackConsent.Decision allowed = consent.check(event, ats, sync, loopCase, result.interviewId(), result.confidence());
        if (allowed.blocked() != null) {
            return allowed.blocked();
        }
        // A case written before holds an earlier result: this one is a re-scoring, written with a note of its own.
        boolean rescored = loopCase.writeTime() != null;
        AtsConnector client = connectors.ats(ats, sync.onBehalfOf());
        WritePlan plan = peers.planWriteBack(event.tenantId(), loopCase.traceId(), WriteBackMessages.planRequest(
                sync.mappingProfileId(), WriteBackMessages.assessment(ai, result, loopCase, allowed.requiresHumanReview()),
                loopCase.traceId(), client.capabilities())).getPlan();
        if (allowed.requiresHumanReview()) {
            plan = WriteBackMessages.forHumanReview(plan, result.confidence());
        }
        // Nothing is written unless every custom field fits what the ATS defines.
        fieldCheck.verify(ats.id(), client, sync.mappingProfileId(), plan.getFieldWritesList());

        AtsApplication application = client.getApplication(loopCase.applicationExternalId());
        String candidateId = application.candidateId().isEmpty() ? loopCase.candidateExternalId() : application.candidateId();
        AtsCandidate candidate = client.getCandidate(candidateId);
        String jobId = loopCase.jobExternalId() != null ? loopCase.jobExternalId()
                : application.jobIds().isEmpty() ? null : application.jobIds().get(0);

        // Field ownership: write only what nobody but atsbridge changed since atsbridge last wrote it.
        PlannedWrites.Target target = new PlannedWrites.Target(event.tenantId(), ats.id(), loopCase, candidateId, jobId,
                candidate.customFieldValues(), cases.ownership(ats.id(), WriteRecord.CANDIDATE, candidateId),
                application.customFieldValues(), cases.ownership(ats.id(), WriteRecord.APPLICATION,
                loopCase.applicationExternalId()));
        PlannedWrites writes = PlannedWrites.decide(plan.getFieldWritesList(), target, now());
        try {
            client.updateCandidate(candidate, application, writes.candidateFields(), plan.getTagsList());
            client.updateApplication(application, writes.applicationFields());
        } catch (UnsupportedOperationException e) {
            // The connector contract's word for custom fields this ATS has no API to write.
            throw new PermanentFailure(FailureReason.UNSUPPORTED, step + ": " + e.getMessage(), e);
        }
        // The note is new information, never an edit: added even when fields were left to a person.
        AtsNote note = plan.hasNote() ? ResultNote.add(client, application, plan, loopCase.traceId(), resultSha256) : null;

        // How the ATS shows what was written (a select's option name) is what later reads are compared with.
        WrittenOwnership.OptionNames options = (scope, key, optionId) -> fieldCheck.optionName(ats.id(), scope, key, optionId);
        Map<String, JsonNode> candidateShown = WrittenOwnership.needsReading(WriteRecord.CANDIDATE, writes.candidateFields(),
                writes.kinds(), options) ? client.getCandidate(candidateId).customFieldValues() : Map.of();
        Map<String, JsonNode> applicationShown = WrittenOwnership.needsReading(WriteRecord.APPLICATION,
                writes.applicationFields(), writes.kinds(), options)
                ? client.getApplication(loopCase.applicationExternalId()).customFieldValues() : Map.of();
        Instant written = now();
        List<FieldOwnership> owned = new ArrayList<>();
        writes.candidateFields().forEach(f -> owned.add(WrittenOwnership.owned(ats.id(), WriteRecord.CANDIDATE, candidateId, f,
                candidateShown, writes.kinds(), options, written)));
        writes.applicationFields().forEach(f -> owned.add(WrittenOwnership.owned(ats.id(), WriteRecord.APPLICATION,
                loopCase.applicationExternalId(), f, applicationShown, writes.kinds(), options, written)));
        List<WriteRecord> records = writes.records(plan.getTagsList(), note, ResultNote.recordKey(rescored, resultSha256),
                written);

        WriteBackAudit.Written done = new WriteBackAudit.Written(writes, plan, rescored, note, result.interviewId(), loopCase);
        List<AuditEntry> audit = new ArrayList<>();
        audit.addAll(allowed.decided());
        Map<String, String> writtenAttributes = new java.util.LinkedHashMap<>(done.attributes());
        if (allowed.requiresHumanReview()) {
            writtenAttributes.put("human_review_required", "true");
        }
        audit.add(AuditRecords.record(event, loopCase.traceId(), AuditRecords.WRITEBACK_WRITTEN,
                loopCase.applicationId(), ats.id(), writtenAttributes, new byte[0], written));
        for (WriteConflict conflict : writes.conflicts()) {
            audit.add(AuditRecords.record(event, loopCase.traceId(), AuditRecords.WRITEBACK_CONFLICT,
                    conflict.scope() + "/" + conflict.fieldKey(), loopCase.applicationId(), ats.id(),
                    WriteBackAudit.conflict(conflict, loopCase.id(), result.interviewId()), written));
        }
        // The configured next step, taken before the case is WRITTEN so that a failure retries it with the write-back.
        AuditEntry stepTaken = nextStep.take(event, ats, client, loopCase, jobId, result, allowed.requiresHumanReview(),
                resultSha256, written);
        if (stepTaken != null) {
            audit.add(stepTaken);
        }
        // What the tool produced, for bias audits; stored with the write, relayed afterwards (BiasOutcomes).
        audit.add(BiasOutcomes.written(event, loopCase, ai, result, jobId, written));
        String detail = done.detail();
        if (!cases.markWritten(loopCase.id(), event.id(), records, resultSha256, owned, writes.conflicts(), detail, written,
                audit)) {
            throw new TransientFailure("case " + loopCase.id() + " stopped being written by this event before it finished");
        }
        return Outcome.done(detail, List.of());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
