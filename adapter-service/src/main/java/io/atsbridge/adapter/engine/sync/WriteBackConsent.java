package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConsentSettingsDirectory;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Before anything is written, consent-service is asked again ({@link ConsentQuestions}): whether the result may be
 * scored (with the result's confidence) and written back, about the data the AI vendor connection declares it
 * processes plus the score and recommendation, in the candidate's places as identity-service knows them (else the
 * connection's defaults) and the requisition's: the interview's consent may have been withdrawn since, the notice
 * period may not have passed, the bias audit may have expired. When the results may not be written, the case becomes
 * CONSENT_BLOCKED with the audit records in one transaction, and subscribers get {@code consent.required} — unless
 * the answer is a notice period still running (REQUIRE_NOTICE with its {@code earliest_time}): then the result is held,
 * the case stays WRITING by the event, {@code writeback.deferred} records the time, and the inbox event is tried
 * again at exactly that time (not counted as an attempt), when consent-service is asked again and the result written.
 *
 * <p>When an answer is REQUIRE_HUMAN_REVIEW (below consent-service's confidence floor) the result is written without
 * its recommendation: see {@link Decision#requiresHumanReview()}.
 */
@Singleton
final class WriteBackConsent {

    /** What consent-service is asked before a result is written, in this order. */
    static final List<PolicyAction> BEFORE_WRITING = List.of(PolicyAction.POLICY_ACTION_AI_SCORING,
            PolicyAction.POLICY_ACTION_WRITE_BACK);

    /** The longest a result is held for a notice period; longer (not a notice period the pack knows) blocks instead. */
    static final Duration MAX_HOLD = Duration.ofDays(60);

    private final LoopPeers peers;
    private final LoopStore cases;
    private final EndingNotices notices;
    private final ConsentQuestions questions;
    private final ConsentSettingsDirectory consentSettings;
    private final Clock clock;

    WriteBackConsent(LoopPeers peers, LoopStore cases, EndingNotices notices, ConsentQuestions questions,
                     ConsentSettingsDirectory consentSettings, Clock clock) {
        this.notices = notices;
        this.clock = clock;
        this.peers = peers;
        this.cases = cases;
        this.questions = questions;
        this.consentSettings = consentSettings;
    }

    /**
     * A write-back's consent decisions (audited with what they allowed), and the outcome when they stopped the write-back.
     *
     * @param decided             the {@code consent.decided} records, in the order asked
     * @param blocked             the event's outcome when consent stopped the write-back; null when it may go on
     * @param requiresHumanReview an answer was REQUIRE_HUMAN_REVIEW: the result's confidence is below the floor (or a
     *                            rule asks a person to decide). The score, rationale, transcript, tags and the note are
     *                            written, the note saying so first; the recommendation is not (mapping-service is
     *                            given none, so its field is left as it is and the note names none)
     */
    record Decision(List<AuditEntry> decided, @Nullable Outcome blocked, boolean requiresHumanReview) {

        Decision {
            decided = List.copyOf(decided);
        }
    }

    /**
     * Asks whether the result of the interview may be scored and written now; when not, blocks the case.
     *
     * @param confidence the result's confidence, 0..1 (0 when the vendor gives none, which is below any floor)
     * @throws PermanentFailure MISSING_CONFIGURATION when no jurisdiction is known to ask about
     * @throws TransientFailure when the case stopped being written by this event meanwhile
     */
    Decision check(ClaimedEvent event, Connection ats, SyncSettings sync, LoopCase loopCase, String interviewId,
                   double confidence) {
        String trace = loopCase.traceId();
        Candidate candidate = peers.getCandidate(event.tenantId(), trace, loopCase.candidateId());
        List<String> jurisdictions = jurisdictions(candidate, sync);
        if (jurisdictions.isEmpty()) {
            throw new PermanentFailure(FailureReason.MISSING_CONFIGURATION, "no jurisdiction is known for candidate "
                    + loopCase.candidateId() + " and connection " + ats.id() + " names none: no write-back without a "
                    + "consent decision; set atsbridge.connections." + ats.id() + ".jurisdictions");
        }
        // The AI connection that ran the interview, which may differ from the one the ATS connection names today.
        String aiConnectionId = loopCase.aiConnectionId();
        ConsentQuestions.Subject about = new ConsentQuestions.Subject(loopCase.candidateId(), jurisdictions,
                consentSettings.of(ats.id()).requisitionJurisdictions(), aiConnectionId, consentSettings.of(aiConnectionId));
        List<ConsentQuestions.Answer> answers = new ArrayList<>();
        boolean review = false;
        for (PolicyAction action : BEFORE_WRITING) {
            ConsentQuestions.Answer answer = questions.ask(event, trace, loopCase.applicationId(), ats.id(), about, action,
                    confidence >= 0 && confidence <= 1 ? confidence : 0.0);
            answers.add(answer);
            review |= answer.requiresHumanReview();
            if (answer.proceeds()) {
                continue;
            }
            Instant decided = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant earliest = heldUntil(answer.response(), decided);
            if (earliest != null) {
                String held = answer.detail(about.places()) + ": the results of interview " + interviewId
                        + " are held and written to application " + loopCase.applicationExternalId() + " at " + earliest;
                List<AuditEntry> records = new ArrayList<>(ConsentQuestions.audits(answers));
                records.add(AuditRecords.record(event, trace, AuditRecords.WRITEBACK_DEFERRED, loopCase.applicationId(),
                        ats.id(), WriteBackAudit.writeDeferred(answer.response().getDecision().name(),
                                AuditRecords.unsatisfied(answer.response()), loopCase.id(), interviewId, earliest),
                        new byte[0], decided));
                throw TransientFailure.heldUntil(held, earliest, records);
            }
            String detail = answer.detail(about.places()) + ": the results of interview " + interviewId
                    + " were not written to application " + loopCase.applicationExternalId();
            AuditEntry blocked = AuditRecords.record(event, trace, AuditRecords.WRITEBACK_BLOCKED, loopCase.applicationId(),
                    ats.id(), WriteBackAudit.writeBlocked(answer.response().getDecision().name(),
                            AuditRecords.unsatisfied(answer.response()), loopCase.id(), interviewId), new byte[0], decided);
            List<AuditEntry> records = new ArrayList<>(ConsentQuestions.audits(answers));
            records.add(blocked);
            if (!cases.markWriteBlocked(loopCase.id(), event.id(), detail, decided, records,
                    notices.of(ats, loopCase, LoopEnding.Ending.RESULT_WITHHELD))) {
                throw new TransientFailure("case " + loopCase.id() + " stopped being written by this event before consent was decided");
            }
            return new Decision(ConsentQuestions.audits(answers), Outcome.blocked(detail, List.of()), review);
        }
        return new Decision(ConsentQuestions.audits(answers), null, review);
    }

    /**
     * When the answer is a notice period still running (REQUIRE_NOTICE with every missing notice given, so
     * consent-service names the moment the write may happen), that moment — at least a second from now, at most
     * {@link #MAX_HOLD} away; otherwise null: the write-back is blocked as for any other answer.
     */
    @Nullable
    static Instant heldUntil(EvaluatePolicyResponse response, Instant now) {
        if (response.getDecision() != io.atsbridge.proto.consent.v1.Decision.DECISION_REQUIRE_NOTICE || !response.hasEarliestTime()) {
            return null;
        }
        Instant earliest = Objects.requireNonNull(ProtoTimes.toInstant(response.getEarliestTime()), "earliest_time is set");
        if (earliest.isAfter(now.plus(MAX_HOLD))) {
            return null;
        }
        Instant soonest = now.plusSeconds(1);
        return earliest.isBefore(soonest) ? soonest : earliest;
    }

    /** The places asked about: the candidate's as identity-service knows them, else the connection's defaults. */
    static List<String> jurisdictions(Candidate candidate, SyncSettings sync) {
        return candidate.getJurisdictionsCount() > 0 ? candidate.getJurisdictionsList() : sync.defaultJurisdictions();
    }

    /** Why nothing was written, for people: the decision, where, which rules were unmet, under which rule pack. */
    static String blockedDetail(EvaluatePolicyResponse decision, List<String> jurisdictions, String interviewId,
                                String applicationExternalId) {
        return ConsentQuestions.detail(PolicyAction.POLICY_ACTION_WRITE_BACK, decision, jurisdictions)
                + ": the results of interview " + interviewId + " were not written to application " + applicationExternalId;
    }
}
