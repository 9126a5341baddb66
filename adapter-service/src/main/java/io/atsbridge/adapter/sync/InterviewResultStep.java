package io.atsbridge.adapter.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.adapter.connector.Connectors;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.ConnectorCapabilities;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.aivendor.InterviewCompletion;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.adapter.domain.AuditEntry;
import io.atsbridge.adapter.domain.ClaimedEvent;
import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.adapter.domain.FieldOwnership;
import io.atsbridge.adapter.domain.LoopCase;
import io.atsbridge.adapter.domain.LoopCaseStatus;
import io.atsbridge.adapter.domain.LoopStore;
import io.atsbridge.adapter.domain.SyncSettings;
import io.atsbridge.adapter.domain.WriteConflict;
import io.atsbridge.adapter.domain.WriteRecord;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.common.v1.ArtifactKind;
import io.atsbridge.proto.common.v1.ArtifactRef;
import io.atsbridge.proto.common.v1.Assessment;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.common.v1.CompetencyScore;
import io.atsbridge.proto.common.v1.Evaluator;
import io.atsbridge.proto.common.v1.EvaluatorKind;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.ModelInfo;
import io.atsbridge.proto.common.v1.Recommendation;
import io.atsbridge.proto.common.v1.Score;
import io.atsbridge.proto.common.v1.ScoreScale;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.PlanWriteBackRequest;
import io.atsbridge.proto.mapping.v1.WritePlan;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
 * <p>Consent: before anything is written, consent-service is asked again, for WRITE_BACK, about the data the
 * interview captured in the candidate's places. The interview's consent may have been withdrawn since: then
 * nothing is written, the case becomes CONSENT_BLOCKED and subscribers get {@code consent.required}.
 */
@Singleton
final class InterviewResultStep {

    private final LoopStore cases;
    private final ConnectionDirectory directory;
    private final Connectors connectors;
    private final LoopPeers peers;
    private final FieldDefinitionCheck fieldCheck;

    InterviewResultStep(LoopStore cases, ConnectionDirectory directory, Connectors connectors, LoopPeers peers,
                        FieldDefinitionCheck fieldCheck) {
        this.cases = cases;
        this.directory = directory;
        this.connectors = connectors;
        this.peers = peers;
        this.fieldCheck = fieldCheck;
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
                throw SyncFailure.retryable("interview " + result.interviewId() + " is not recorded yet; its case is still "
                        + "being invited");
            }
            throw SyncFailure.permanent("unknown interview " + result.interviewId() + " for connection " + ai.id()
                            + ": no loop case invited it")
                    .withAudit(List.of(AuditRecords.received(event, event.id(), "", withOutcome(refs, "FAILED"), now())));
        }
        LoopCase loopCase = found.get();
        String trace = loopCase.traceId();
        String resultSha256 = LoopIds.sha256Hex(result.fingerprint());
        Instant received = now();
        List<AuditEntry> arrival = List.of(
                AuditRecords.received(event, trace, loopCase.applicationId(), withOutcome(refs, "WRITING"), received),
                AuditRecords.record(event, trace, AuditRecords.RESULT_RECEIVED, loopCase.applicationId(), ai.id(),
                        resultAttributes(result, loopCase), LoopIds.sha256(event.rawBody()), received));
        boolean started;
        switch (loopCase.status()) {
            case WRITTEN -> {
                // A re-scored result (another result for the same interview) is written again; the same one is not.
                started = cases.startRewriting(loopCase.id(), event.id(), resultSha256, result.completedAt(), received,
                        arrival);
                if (!started && cases.find(loopCase.id()).orElseThrow().status() == LoopCaseStatus.WRITTEN) {
                    return Outcome.ignored("results of interview " + result.interviewId() + " are already written (case "
                            + loopCase.id() + ")", List.of(AuditRecords.received(event, trace, loopCase.applicationId(),
                            withOutcome(refs, "IGNORED"), now())));
                }
            }
            case WRITING -> {
                if (!event.id().equals(loopCase.writerEventId())) {
                    throw SyncFailure.retryable("inbox event " + loopCase.writerEventId() + " is writing the results of interview "
                            + result.interviewId() + " (case " + loopCase.id() + ")");
                }
                started = cases.startWriting(loopCase.id(), event.id(), result.completedAt(), received, arrival);
            }
            case INVITED -> started = cases.startWriting(loopCase.id(), event.id(), result.completedAt(), received, arrival);
            // This event's dead letter was replayed (its cause fixed): the write-back it failed goes again.
            case FAILED -> started = event.id().equals(loopCase.writerEventId())
                    && cases.resumeWriting(loopCase.id(), event.id(), received, arrival);
            // Consent stopped this case's write-back: another delivery of a result changes nothing until it is re-checked.
            case CONSENT_BLOCKED -> {
                return Outcome.blocked("results of interview " + result.interviewId() + " are not written: "
                        + (loopCase.detail() == null ? "consent stopped the write-back" : loopCase.detail()),
                        List.of(AuditRecords.received(event, trace, loopCase.applicationId(), withOutcome(refs, "BLOCKED"),
                                received)));
            }
            default -> throw SyncFailure.permanent("case " + loopCase.id() + " of interview " + result.interviewId() + " is "
                    + loopCase.status() + (loopCase.detail() == null ? "" : ": " + loopCase.detail()));
        }
        if (!started) {
            LoopCase now = cases.find(loopCase.id()).orElseThrow();
            if (now.status() == LoopCaseStatus.WRITTEN && loopCase.status() != LoopCaseStatus.WRITTEN) {
                return Outcome.ignored("results of interview " + result.interviewId() + " were written meanwhile (case "
                        + loopCase.id() + ")", List.of());
            }
            if (now.status() == LoopCaseStatus.FAILED) {
                throw SyncFailure.permanent("case " + loopCase.id() + " of interview " + result.interviewId() + " failed: "
                        + now.detail() + (now.writerEventId() == null ? "" : "; once the cause is fixed, replay the dead letter "
                        + now.writerEventId() + " to write the result again"));
            }
            throw SyncFailure.retryable("case " + loopCase.id() + " is " + now.status() + " (writer " + now.writerEventId()
                    + "); trying again later");
        }
        try {
            return writeBack(event, ai, result, resultSha256, cases.find(loopCase.id()).orElseThrow());
        } catch (RuntimeException e) {
            SyncFailure failure = Failures.classify("writing back interview " + result.interviewId() + " (case "
                    + loopCase.id() + ")", e);
            if (failure.endsCase(lastAttempt)) {
                cases.markFailed(loopCase.id(), event.id(), failure.getMessage(), now(), List.of());
            } else {
                cases.releaseWriting(loopCase.id(), event.id(), failure.getMessage(), now());
            }
            throw failure;
        }
    }

    /** Whether the metadata atsbridge sent with the invitation names a case that is still inviting (TRIGGERED). */
    private boolean invitationBeingRecorded(ClaimedEvent event, InterviewResult result) {
        String atsConnectionId = result.metadata().get("ats_connection_id");
        String applicationId = result.metadata().get("application_id");
        if (atsConnectionId == null || applicationId == null) {
            return false;
        }
        return cases.findByApplication(atsConnectionId, applicationId).stream()
                .anyMatch(c -> c.tenantId().equals(event.tenantId()) && c.status() == LoopCaseStatus.TRIGGERED);
    }

    private Outcome writeBack(ClaimedEvent event, Connection ai, InterviewResult result, String resultSha256,
                              LoopCase loopCase) {
        Connection ats = directory.find(event.tenantId(), loopCase.atsConnectionId()).orElseThrow(() -> SyncFailure.permanent(
                "ATS connection " + loopCase.atsConnectionId() + " no longer exists"));
        SyncSettings sync = ats.sync();
        if (sync == null) {
            throw SyncFailure.permanent("ATS connection " + ats.id() + " no longer runs the loop (no trigger-stage)");
        }
        WriteConsent consent = consentToWrite(event, ats, sync, loopCase, result.interviewId());
        if (consent.blocked() != null) {
            return consent.blocked();
        }
        // A case written before holds an earlier result: this one is a re-scoring, written with a note of its own.
        boolean rescored = loopCase.writeTime() != null;
        AtsConnector client = connectors.ats(ats, sync.onBehalfOf());
        WritePlan plan = peers.planWriteBack(event.tenantId(), loopCase.traceId(), PlanWriteBackRequest.newBuilder()
                .setProfileId(sync.mappingProfileId())
                .setAssessment(assessment(ai, result, loopCase))
                .setAuditReference(loopCase.traceId())
                .setCapabilities(capabilities(client.capabilities()))
                .build()).getPlan();
        // Nothing is written unless every custom field fits what the ATS defines.
        fieldCheck.verify(ats.id(), client, sync.mappingProfileId(), plan.getFieldWritesList());

        AtsApplication application = client.getApplication(loopCase.applicationExternalId());
        String candidateId = application.candidateId().isEmpty() ? loopCase.candidateExternalId() : application.candidateId();
        AtsCandidate candidate = client.getCandidate(candidateId);
        String jobId = loopCase.jobExternalId() != null ? loopCase.jobExternalId()
                : application.jobIds().isEmpty() ? null : application.jobIds().get(0);

        // Field ownership: write only what nobody but atsbridge changed since atsbridge last wrote it.
        Map<String, FieldOwnership> candidateOwned = cases.ownership(ats.id(), WriteRecord.CANDIDATE, candidateId);
        Map<String, FieldOwnership> applicationOwned = cases.ownership(ats.id(), WriteRecord.APPLICATION,
                loopCase.applicationExternalId());
        Instant decided = now();
        List<CustomFieldWrite> candidateFields = new ArrayList<>();
        List<CustomFieldWrite> applicationFields = new ArrayList<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        List<WriteConflict> conflicts = new ArrayList<>();
        List<String> keptKeys = new ArrayList<>();
        for (FieldWrite write : plan.getFieldWritesList()) {
            CustomFieldWrite field = customField(write);
            FieldScope scope = write.getField().getScope();
            if (field == null || (scope != FieldScope.FIELD_SCOPE_APPLICATION && scope != FieldScope.FIELD_SCOPE_CANDIDATE)) {
                continue;
            }
            boolean onApplication = scope == FieldScope.FIELD_SCOPE_APPLICATION;
            String scopeName = onApplication ? WriteRecord.APPLICATION : WriteRecord.CANDIDATE;
            String recordId = onApplication ? loopCase.applicationExternalId() : candidateId;
            JsonNode current = (onApplication ? application.customFieldValues() : candidate.customFieldValues())
                    .get(field.nameKey());
            FieldOwnership owned = (onApplication ? applicationOwned : candidateOwned).get(field.nameKey());
            String kind = FieldOwnershipRules.kind(write);
            kinds.put(scopeName + "/" + field.nameKey(), kind);
            switch (FieldOwnershipRules.decide(owned, current, field)) {
                case WRITE -> (onApplication ? applicationFields : candidateFields).add(field);
                case KEEP -> keptKeys.add(field.nameKey());
                case CONFLICT -> conflicts.add(new WriteConflict(UUID.randomUUID().toString(), 0, event.tenantId(), ats.id(),
                        loopCase.id(), loopCase.traceId(), scopeName, recordId, candidateId, loopCase.applicationExternalId(), jobId, field.nameKey(), kind,
                        FieldOwnershipRules.shown(current), field.valueText(), WriteConflict.Status.OPEN, decided, decided,
                        null, null, null));
            }
        }
        client.updateCandidate(candidate, application, candidateFields, plan.getTagsList());
        client.updateApplication(application, applicationFields);
        // The note is new information, never an edit: added even when fields were left to a person.
        AtsNote note = plan.hasNote()
                ? note(client, application, plan, loopCase.traceId(), resultSha256) : null;

        // How the ATS shows what was written (a select's option name) is what later reads are compared with.
        Map<String, JsonNode> candidateShown = needsReading(ats.id(), WriteRecord.CANDIDATE, candidateFields, kinds)
                ? client.getCandidate(candidateId).customFieldValues() : Map.of();
        Map<String, JsonNode> applicationShown = needsReading(ats.id(), WriteRecord.APPLICATION, applicationFields, kinds)
                ? client.getApplication(loopCase.applicationExternalId()).customFieldValues() : Map.of();
        Instant written = now();
        List<FieldOwnership> owned = new ArrayList<>();
        candidateFields.forEach(f -> owned.add(ownership(ats.id(), WriteRecord.CANDIDATE, candidateId, f, candidateShown,
                kinds, written)));
        applicationFields.forEach(f -> owned.add(ownership(ats.id(), WriteRecord.APPLICATION,
                loopCase.applicationExternalId(), f, applicationShown, kinds, written)));

        List<WriteRecord> records = new ArrayList<>();
        candidateFields.forEach(f -> records.add(new WriteRecord(WriteRecord.CANDIDATE, f.nameKey(), f.valueText(), null, written)));
        applicationFields.forEach(f -> records.add(new WriteRecord(WriteRecord.APPLICATION, f.nameKey(), f.valueText(), null, written)));
        Set<String> seen = new HashSet<>();
        for (String tag : plan.getTagsList()) {
            if (seen.add(tag.toLowerCase(Locale.ROOT))) {
                records.add(new WriteRecord(WriteRecord.TAG, tag, tag, null, written));
            }
        }
        if (note != null) {
            // Each re-scored result's note is kept beside the first one's.
            records.add(new WriteRecord(WriteRecord.NOTE, rescored ? "note:" + resultReference(resultSha256) : "note",
                    note.body(), note.id(), written));
        }
        List<String> fieldKeys = new ArrayList<>();
        candidateFields.forEach(f -> fieldKeys.add(f.nameKey()));
        applicationFields.forEach(f -> fieldKeys.add(f.nameKey()));
        List<String> conflictKeys = conflicts.stream().map(WriteConflict::fieldKey).toList();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("field_keys", AuditRecords.join(fieldKeys));
        attributes.put("conflict_field_keys", AuditRecords.join(conflictKeys));
        attributes.put("kept_field_keys", AuditRecords.join(keptKeys));
        attributes.put("rescored", Boolean.toString(rescored));
        attributes.put("profile_id", plan.getProfileId());
        attributes.put("profile_version", Integer.toString(plan.getProfileVersion()));
        attributes.put("note_id", note == null ? "" : note.id());
        attributes.put("tag_count", Integer.toString(plan.getTagsCount()));
        attributes.put("dropped_count", Integer.toString(plan.getDroppedCount()));
        attributes.put("interview_id", result.interviewId());
        attributes.put("application_external_id", loopCase.applicationExternalId());
        attributes.put("case_id", loopCase.id());
        List<AuditEntry> audit = new ArrayList<>();
        audit.add(consent.decided());
        audit.add(AuditRecords.record(event, loopCase.traceId(), AuditRecords.WRITEBACK_WRITTEN,
                loopCase.applicationId(), ats.id(), attributes, new byte[0], written));
        for (WriteConflict conflict : conflicts) {
            // Field key and case only: the values may be personal data.
            Map<String, String> about = new LinkedHashMap<>();
            about.put("field_key", conflict.fieldKey());
            about.put("scope", conflict.scope());
            about.put("case_id", loopCase.id());
            about.put("interview_id", result.interviewId());
            audit.add(AuditRecords.record(event, loopCase.traceId(), AuditRecords.WRITEBACK_CONFLICT,
                    conflict.scope() + "/" + conflict.fieldKey(), loopCase.applicationId(), ats.id(), about, written));
        }
        String detail = (rescored ? "re-scored result: " : "") + "wrote " + fieldKeys.size() + " field(s) " + fieldKeys
                + ", " + plan.getTagsCount() + " tag(s)"
                + (note == null ? "" : " and note " + note.id()) + " to application " + loopCase.applicationExternalId()
                + " with mapping profile " + plan.getProfileId() + " v" + plan.getProfileVersion()
                + (conflicts.isEmpty() ? "" : "; left to a person's edit (conflict for review): " + conflictKeys)
                + (keptKeys.isEmpty() ? "" : "; kept as a person set them: " + keptKeys)
                + (plan.getDroppedCount() == 0 ? "" : "; left out: " + dropped(plan));
        if (!cases.markWritten(loopCase.id(), event.id(), records, resultSha256, owned, conflicts, detail, written, audit)) {
            throw SyncFailure.retryable("case " + loopCase.id() + " stopped being written by this event before it finished");
        }
        return Outcome.done(detail, List.of());
    }

    /** A write-back's consent decision (audited with what it allowed), and the outcome when it stopped the write-back. */
    private record WriteConsent(AuditEntry decided, @Nullable Outcome blocked) {
    }

    /**
     * Asks consent-service whether the results may be written now, for the data the interview captured, in the
     * candidate's places as identity-service knows them (else the connection's defaults). When they may not,
     * the case becomes CONSENT_BLOCKED with both audit records, in one transaction.
     */
    private WriteConsent consentToWrite(ClaimedEvent event, Connection ats, SyncSettings sync, LoopCase loopCase,
                                        String interviewId) {
        String trace = loopCase.traceId();
        Candidate candidate = peers.getCandidate(event.tenantId(), trace, loopCase.candidateId());
        List<String> jurisdictions = candidate.getJurisdictionsCount() > 0 ? candidate.getJurisdictionsList()
                : sync.defaultJurisdictions();
        if (jurisdictions.isEmpty()) {
            throw SyncFailure.permanent("no jurisdiction is known for candidate " + loopCase.candidateId()
                    + " and connection " + ats.id() + " names none: no write-back without a consent decision; set atsbridge.connections."
                    + ats.id() + ".jurisdictions");
        }
        EvaluatePolicyResponse decision = peers.evaluatePolicy(event.tenantId(), trace, EvaluatePolicyRequest.newBuilder()
                .setCandidateId(loopCase.candidateId())
                .setAction(PolicyAction.POLICY_ACTION_WRITE_BACK)
                .addAllJurisdictions(jurisdictions)
                .addAllDataCategories(StageChangeStep.DATA_CATEGORIES)
                .build());
        Instant decided = now();
        AuditEntry record = AuditRecords.record(event, trace, AuditRecords.CONSENT_DECIDED, loopCase.applicationId(), ats.id(),
                AuditRecords.consentDecision(PolicyAction.POLICY_ACTION_WRITE_BACK, decision, jurisdictions,
                        StageChangeStep.DATA_CATEGORIES, loopCase.candidateId()), new byte[0], decided);
        if (StageChangeStep.PROCEED.contains(decision.getDecision())) {
            return new WriteConsent(record, null);
        }
        List<String> unsatisfied = AuditRecords.unsatisfied(decision);
        String detail = "consent " + decision.getDecision().name() + " for WRITE_BACK in " + String.join(", ", jurisdictions)
                + " (unsatisfied rules: " + (unsatisfied.isEmpty() ? "none listed" : String.join(", ", unsatisfied))
                + "; rule pack " + decision.getRulePackVersion() + "): the results of interview " + interviewId
                + " were not written to application " + loopCase.applicationExternalId();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("decision", decision.getDecision().name());
        attributes.put("unsatisfied_rule_ids", AuditRecords.join(unsatisfied));
        attributes.put("case_id", loopCase.id());
        attributes.put("interview_id", interviewId);
        AuditEntry blocked = AuditRecords.record(event, trace, AuditRecords.WRITEBACK_BLOCKED, loopCase.applicationId(),
                ats.id(), attributes, new byte[0], decided);
        if (!cases.markWriteBlocked(loopCase.id(), event.id(), detail, decided, List.of(record, blocked))) {
            throw SyncFailure.retryable("case " + loopCase.id() + " stopped being written by this event before consent was decided");
        }
        return new WriteConsent(record, Outcome.blocked(detail, List.of()));
    }

    /** The connector's capabilities as mapping-service takes them (types mapping does not plan are left out). */
    static io.atsbridge.proto.mapping.v1.ConnectorCapabilities capabilities(ConnectorCapabilities capabilities) {
        io.atsbridge.proto.mapping.v1.ConnectorCapabilities.Builder proto = io.atsbridge.proto.mapping.v1.ConnectorCapabilities
                .newBuilder()
                .setVendor(capabilities.vendor())
                .setApiVersion(capabilities.apiVersion())
                .setTags(capabilities.tags())
                .setNotes(capabilities.notes())
                .setNoteHtml(capabilities.noteHtml())
                .setStageMoves(capabilities.stageMoves())
                .setAttachments(capabilities.attachments())
                .setArchive(capabilities.archive());
        capabilities.candidateFieldTypes().stream().sorted().map(InterviewResultStep::fieldType)
                .flatMap(Optional::stream).forEach(proto::addCandidateFieldTypes);
        capabilities.applicationFieldTypes().stream().sorted().map(InterviewResultStep::fieldType)
                .flatMap(Optional::stream).forEach(proto::addApplicationFieldTypes);
        return proto.build();
    }

    private static Optional<io.atsbridge.proto.mapping.v1.FieldType> fieldType(String name) {
        return switch (name) {
            case "number" -> Optional.of(io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_NUMBER);
            case "short_text" -> Optional.of(io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_SHORT_TEXT);
            case "long_text" -> Optional.of(io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_LONG_TEXT);
            case "single_select" -> Optional.of(io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_SINGLE_SELECT);
            case "multi_select" -> Optional.of(io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_MULTI_SELECT);
            case "url" -> Optional.of(io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_URL);
            default -> Optional.empty();
        };
    }

    /** Whether a select field was written whose option name the field definitions do not give: then the ATS is asked. */
    private boolean needsReading(String atsConnectionId, String scope, List<CustomFieldWrite> fields, Map<String, String> kinds) {
        return fields.stream().anyMatch(f -> WriteConflict.OPTION.equals(kinds.get(scope + "/" + f.nameKey()))
                && fieldCheck.optionName(atsConnectionId, scope, f.nameKey(), f.valueText()).isEmpty());
    }

    /**
     * What atsbridge owns after writing the field: the value sent and the value as the ATS shows it. A select shows
     * the option's name, taken from the field definitions, else from reading the record back just after the write.
     * Any other field read back with another value than the one sent was changed by a person in between: the value
     * sent is recorded, so the person's edit is a conflict later, never overwritten.
     */
    private FieldOwnership ownership(String atsConnectionId, String scope, String recordId, CustomFieldWrite field,
                                     Map<String, JsonNode> shown, Map<String, String> kinds, Instant at) {
        JsonNode read = shown.get(field.nameKey());
        String observed;
        if (WriteConflict.OPTION.equals(kinds.get(scope + "/" + field.nameKey()))) {
            observed = fieldCheck.optionName(atsConnectionId, scope, field.nameKey(), field.valueText())
                    .orElseGet(() -> FieldOwnershipRules.shown(read != null ? read : field.value()));
        } else {
            observed = read != null && FieldOwnershipRules.matches(read, field.valueText())
                    ? FieldOwnershipRules.shown(read) : FieldOwnershipRules.shown(field.value());
        }
        return new FieldOwnership(atsConnectionId, scope, recordId, field.nameKey(), FieldOwnership.Owner.ATSBRIDGE,
                field.valueText(), observed, at);
    }

    /** The short result reference a note carries, so each result adds its note once. */
    static String resultReference(String resultSha256) {
        return resultSha256.substring(0, 16);
    }

    /**
     * The note, added unless a note carrying the trace id and this result's reference is already on the feed
     * (an earlier attempt added it). A re-scored result has another reference, so it adds a note of its own.
     */
    private static AtsNote note(AtsConnector ats, AtsApplication application, WritePlan plan,
                                String traceId, String resultSha256) {
        String body = plan.getNote().getBody();
        if (!body.contains(traceId)) {
            body = body + "\nAudit reference: " + traceId;
        }
        String reference = "Result reference: " + resultReference(resultSha256);
        body = body.endsWith("\n") ? body + reference : body + "\n" + reference;
        for (AtsNote existing : ats.notes(application)) {
            if (existing.body().contains(traceId) && existing.body().contains(reference)) {
                return existing;
            }
        }
        AtsConnector.NoteVisibility visibility = switch (plan.getNote().getVisibility()) {
            case NOTE_VISIBILITY_PUBLIC -> AtsConnector.NoteVisibility.PUBLIC;
            case NOTE_VISIBILITY_PRIVATE -> AtsConnector.NoteVisibility.PRIVATE;
            // Unset means the ATS default; restricted shows the AI's view to the fewest people.
            default -> AtsConnector.NoteVisibility.RESTRICTED;
        };
        return ats.addNote(application, body, visibility);
    }

    @Nullable
    private static CustomFieldWrite customField(FieldWrite write) {
        String key = write.getField().getKey();
        return switch (write.getValue().getKindCase()) {
            case NUMBER_VALUE -> CustomFieldWrite.number(key, write.getValue().getNumberValue());
            case TEXT_VALUE -> CustomFieldWrite.text(key, write.getValue().getTextValue());
            case OPTION_ID -> CustomFieldWrite.option(key, write.getValue().getOptionId());
            case URL_VALUE -> CustomFieldWrite.url(key, write.getValue().getUrlValue());
            case KIND_NOT_SET -> null;
        };
    }

    static Assessment assessment(Connection ai, InterviewResult result, LoopCase loopCase) {
        Assessment.Builder assessment = Assessment.newBuilder()
                .setId(UUID.nameUUIDFromBytes((ai.id() + "/" + result.interviewId()).getBytes(StandardCharsets.UTF_8)).toString())
                .setCandidateId(loopCase.candidateId())
                .setApplicationId(loopCase.applicationId())
                .setSource(ExternalRef.newBuilder()
                        .setConnectionId(ai.id())
                        .setVendor(io.atsbridge.proto.common.v1.Vendor.valueOf("VENDOR_" + ai.vendor().name()))
                        .setKind(ExternalKind.EXTERNAL_KIND_INTERVIEW)
                        .setId(result.interviewId()))
                .setOverallScore(score(result.score(), result.scaleMin(), result.scaleMax()))
                .setRecommendation(recommendation(result.recommendation()))
                .setRationale(result.rationale())
                .setConfidence(result.confidence() >= 0 && result.confidence() <= 1 ? result.confidence() : 0)
                .setEvaluator(Evaluator.newBuilder()
                        .setKind(EvaluatorKind.EVALUATOR_KIND_AI)
                        .setName(ai.displayName())
                        .setId(result.modelId()))
                .setModel(ModelInfo.newBuilder()
                        .setModelId(result.modelId())
                        .setModelVersion(result.modelVersion())
                        .setPromptVersion(result.promptVersion()))
                .addAllSkillTags(result.skills());
        for (InterviewResult.CompetencyResult competency : result.competencies()) {
            assessment.addCompetencyScores(CompetencyScore.newBuilder()
                    .setCompetency(competency.name())
                    .setScore(score(competency.score(), competency.scaleMin(), competency.scaleMax()))
                    .setRationale(competency.rationale()));
        }
        if (result.transcriptUrl() != null) {
            assessment.addArtifacts(ArtifactRef.newBuilder().setKind(ArtifactKind.ARTIFACT_KIND_TRANSCRIPT)
                    .setUri(result.transcriptUrl()));
        }
        if (result.recordingUrl() != null) {
            assessment.addArtifacts(ArtifactRef.newBuilder().setKind(ArtifactKind.ARTIFACT_KIND_RECORDING)
                    .setUri(result.recordingUrl()));
        }
        if (result.completedAt() != null) {
            assessment.setCompleteTime(ProtoTimes.toProto(result.completedAt()));
        }
        return assessment.build();
    }

    private static Score score(double value, double min, double max) {
        return Score.newBuilder().setValue(value).setScale(ScoreScale.newBuilder().setMin(min).setMax(max)).build();
    }

    private static Recommendation recommendation(@Nullable String name) {
        if (name == null) {
            return Recommendation.RECOMMENDATION_UNSPECIFIED;
        }
        return switch (name) {
            case "advance" -> Recommendation.RECOMMENDATION_ADVANCE;
            case "maybe" -> Recommendation.RECOMMENDATION_MAYBE;
            case "pass" -> Recommendation.RECOMMENDATION_PASS;
            default -> Recommendation.RECOMMENDATION_UNSPECIFIED;
        };
    }

    private static Map<String, String> resultAttributes(InterviewResult result, LoopCase loopCase) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("interview_id", result.interviewId());
        attributes.put("model_id", result.modelId());
        attributes.put("model_version", result.modelVersion());
        attributes.put("prompt_version", result.promptVersion());
        attributes.put("case_id", loopCase.id());
        return attributes;
    }

    private static String dropped(WritePlan plan) {
        List<String> reasons = new ArrayList<>();
        plan.getDroppedList().forEach(item -> reasons.add(item.getSource().name() + " " + item.getReason()));
        return String.join(", ", reasons);
    }

    private static Map<String, String> withOutcome(Map<String, String> refs, String outcome) {
        Map<String, String> attributes = new LinkedHashMap<>(refs);
        attributes.put("outcome", outcome);
        return attributes;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
