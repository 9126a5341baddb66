package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Before anything is written, consent-service is asked again, for WRITE_BACK, about the data the interview
 * captured, in the candidate's places as identity-service knows them (else the connection's defaults): the
 * interview's consent may have been withdrawn since. When the results may not be written, the case becomes
 * CONSENT_BLOCKED with both audit records in one transaction, and subscribers get {@code consent.required}.
 */
@Singleton
final class WriteBackConsent {

    private final LoopPeers peers;
    private final LoopStore cases;
    private final EndingNotices notices;
    private final Clock clock;

    WriteBackConsent(LoopPeers peers, LoopStore cases, EndingNotices notices, Clock clock) {
        this.notices = notices;
        this.clock = clock;
        this.peers = peers;
        this.cases = cases;
    }

    /**
     * A write-back's consent decision (audited with what it allowed), and the outcome when it stopped the write-back.
     *
     * @param blocked the event's outcome when consent stopped the write-back; null when it may go on
     */
    record Decision(AuditEntry decided, @Nullable Outcome blocked) {
    }

    /**
     * Asks whether the results of the interview may be written now; when not, blocks the case.
     *
     * @throws PermanentFailure MISSING_CONFIGURATION when no jurisdiction is known to ask about
     * @throws TransientFailure when the case stopped being written by this event meanwhile
     */
    Decision check(ClaimedEvent event, Connection ats, SyncSettings sync, LoopCase loopCase, String interviewId) {
        String trace = loopCase.traceId();
        Candidate candidate = peers.getCandidate(event.tenantId(), trace, loopCase.candidateId());
        List<String> jurisdictions = jurisdictions(candidate, sync);
        if (jurisdictions.isEmpty()) {
            throw new PermanentFailure(FailureReason.MISSING_CONFIGURATION, "no jurisdiction is known for candidate "
                    + loopCase.candidateId() + " and connection " + ats.id() + " names none: no write-back without a "
                    + "consent decision; set atsbridge.connections." + ats.id() + ".jurisdictions");
        }
        EvaluatePolicyResponse decision = peers.evaluatePolicy(event.tenantId(), trace, EvaluatePolicyRequest.newBuilder()
                .setCandidateId(loopCase.candidateId())
                .setAction(PolicyAction.POLICY_ACTION_WRITE_BACK)
                .addAllJurisdictions(jurisdictions)
                .addAllDataCategories(StageChangeStep.DATA_CATEGORIES)
                .build());
        Instant decided = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditEntry record = AuditRecords.record(event, trace, AuditRecords.CONSENT_DECIDED, loopCase.applicationId(), ats.id(),
                AuditRecords.consentDecision(PolicyAction.POLICY_ACTION_WRITE_BACK, decision, jurisdictions,
                        StageChangeStep.DATA_CATEGORIES, loopCase.candidateId()), new byte[0], decided);
        if (StageChangeStep.PROCEED.contains(decision.getDecision())) {
            return new Decision(record, null);
        }
        String detail = blockedDetail(decision, jurisdictions, interviewId, loopCase.applicationExternalId());
        AuditEntry blocked = AuditRecords.record(event, trace, AuditRecords.WRITEBACK_BLOCKED, loopCase.applicationId(),
                ats.id(), WriteBackAudit.writeBlocked(decision.getDecision().name(), AuditRecords.unsatisfied(decision),
                        loopCase.id(), interviewId), new byte[0], decided);
        if (!cases.markWriteBlocked(loopCase.id(), event.id(), detail, decided, List.of(record, blocked),
                notices.of(ats, loopCase, LoopEnding.Ending.RESULT_WITHHELD))) {
            throw new TransientFailure("case " + loopCase.id() + " stopped being written by this event before consent was decided");
        }
        return new Decision(record, Outcome.blocked(detail, List.of()));
    }

    /** The places asked about: the candidate's as identity-service knows them, else the connection's defaults. */
    static List<String> jurisdictions(Candidate candidate, SyncSettings sync) {
        return candidate.getJurisdictionsCount() > 0 ? candidate.getJurisdictionsList() : sync.defaultJurisdictions();
    }

    /** Why nothing was written, for people: the decision, where, which rules were unmet, under which rule pack. */
    static String blockedDetail(EvaluatePolicyResponse decision, List<String> jurisdictions, String interviewId,
                                String applicationExternalId) {
        List<String> unsatisfied = AuditRecords.unsatisfied(decision);
        return "consent " + decision.getDecision().name() + " for WRITE_BACK in " + String.join(", ", jurisdictions)
                + " (unsatisfied rules: " + (unsatisfied.isEmpty() ? "none listed" : String.join(", ", unsatisfied))
                + "; rule pack " + decision.getRulePackVersion() + "): the results of interview " + interviewId
                + " were not written to application " + applicationExternalId;
    }
}
