package io.atsbridge.adapter.engine.sync;

import com.google.protobuf.Timestamp;
import io.atsbridge.adapter.connections.domain.ConsentSettings;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.proto.audit.v1.BiasAudit;
import io.atsbridge.proto.audit.v1.GetLatestAuditResponse;
import io.atsbridge.proto.consent.v1.AutomatedTool;
import io.atsbridge.proto.consent.v1.Decision;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.Recipient;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The questions the loop asks consent-service before each action it takes (issue #14), each answered and audited as
 * {@code consent.decided} with the rule pack version, every rule that applied, the action, the places and the data
 * categories: before inviting, the AI interview itself (capture and analysis), the disclosure to the AI vendor and
 * the scoring to come; before writing a result, its scoring (with the result's confidence) and the write-back.
 *
 * <p>Every question carries the candidate's places and the requisition's, the data categories the AI vendor
 * connection declares it processes ({@link ConsentSettings}) — plus {@code score} and {@code recommendation} for
 * scoring and write-back — and the AI vendor as the automated tool with its bias audit on record (NYC LL144).
 */
@Singleton
final class ConsentQuestions {

    /** What scoring and write-back add to what the interview captured. */
    static final List<String> RESULT_CATEGORIES = List.of("score", "recommendation");
    /**
     * The decisions under which the loop goes on; anything else stops it (fail closed). Human review is how every
     * result is used anyway: atsbridge only informs a person's decision (and withholds the recommendation when asked
     * for review about a result, see {@link WriteBackConsent}).
     */
    static final Set<Decision> PROCEED = Set.of(Decision.DECISION_ALLOW, Decision.DECISION_REQUIRE_HUMAN_REVIEW);
    /** The actions NYC LL144's bias audit rules govern: for these the bias store is asked for the tool's audit. */
    static final Set<PolicyAction> AUDITED_ACTIONS = Set.of(PolicyAction.POLICY_ACTION_AI_SCORING,
            PolicyAction.POLICY_ACTION_WRITE_BACK, PolicyAction.POLICY_ACTION_AUTOMATED_REJECTION);
    /**
     * The time of day a bias audit's date is sent at: noon UTC is the same calendar day from UTC-12 to UTC+11, so
     * consent-service, which judges the audit's age on the rule's local day, sees the date declared.
     */
    private static final LocalTime AUDIT_TIME_OF_DAY = LocalTime.NOON;

    private final LoopPeers peers;
    private final Clock clock;

    ConsentQuestions(LoopPeers peers, Clock clock) {
        this.peers = peers;
        this.clock = clock;
    }

    /**
     * Who and what a question is about.
     *
     * @param candidateId       the canonical candidate id the ledger is kept under
     * @param candidatePlaces   the candidate's jurisdiction codes (never empty when asked)
     * @param requisitionPlaces the position's jurisdiction codes, possibly empty
     * @param aiConnectionId    the AI_VENDOR connection: the automated tool
     * @param vendor            what that connection declares
     */
    record Subject(String candidateId, List<String> candidatePlaces, List<String> requisitionPlaces, String aiConnectionId,
                   ConsentSettings vendor) {

        Subject {
            candidatePlaces = List.copyOf(candidatePlaces);
            requisitionPlaces = List.copyOf(requisitionPlaces);
        }

        /** Every place asked about, the candidate's first, for people reading a detail. */
        List<String> places() {
            Set<String> all = new LinkedHashSet<>(candidatePlaces);
            all.addAll(requisitionPlaces);
            return List.copyOf(all);
        }
    }

    /** One question's answer and its {@code consent.decided} record. */
    record Answer(PolicyAction action, EvaluatePolicyResponse response, AuditEntry audit) {

        boolean proceeds() {
            return PROCEED.contains(response.getDecision());
        }

        boolean requiresHumanReview() {
            return response.getDecision() == Decision.DECISION_REQUIRE_HUMAN_REVIEW;
        }

        /** Why the loop stopped, for people. */
        String detail(List<String> places) {
            return ConsentQuestions.detail(action, response, places);
        }
    }

    /** Why the loop stopped, for people: the decision, the action, where, which rules were unmet, under which pack. */
    static String detail(PolicyAction action, EvaluatePolicyResponse response, List<String> places) {
        List<String> unsatisfied = AuditRecords.unsatisfied(response);
        return "consent " + response.getDecision().name() + " for " + action.name().substring("POLICY_ACTION_".length())
                + " in " + String.join(", ", places)
                + " (unsatisfied rules: " + (unsatisfied.isEmpty() ? "none listed" : String.join(", ", unsatisfied))
                + "; rule pack " + response.getRulePackVersion() + ")";
    }

    /**
     * Asks about one action and audits the answer.
     *
     * @param confidence the result's confidence 0..1 for scoring and write-back of a result, or null before there is one
     */
    Answer ask(ClaimedEvent event, String traceId, String subjectRef, String connectionId, Subject subject,
               PolicyAction action, @Nullable Double confidence) {
        List<String> categories = categories(subject.vendor(), action);
        // The bias audit recorded in audit-service's bias store (issue #16) is what NYC LL144 is checked against; the
        // connection's declared audit stands in where none is recorded. Only the actions its rules govern ask for it.
        BiasAudit recorded = null;
        if (AUDITED_ACTIONS.contains(action)) {
            GetLatestAuditResponse latest = peers.latestBiasAudit(event.tenantId(), traceId, subject.aiConnectionId());
            recorded = latest.getFound() ? latest.getAudit() : null;
        }
        EvaluatePolicyRequest request = request(subject, action, categories, confidence, recorded);
        EvaluatePolicyResponse response = peers.evaluatePolicy(event.tenantId(), traceId, request);
        Instant decided = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, String> attributes = new LinkedHashMap<>(AuditRecords.consentDecision(action, response,
                subject.candidatePlaces(), categories, subject.candidateId()));
        attributes.put("requisition_jurisdictions", AuditRecords.join(subject.requisitionPlaces()));
        if (confidence != null) {
            attributes.put("result_confidence", Double.toString(confidence));
        }
        attributes.put("ai_connection_id", subject.aiConnectionId());
        // The questions that were asked before these kept their record ids (a retried event stays a duplicate);
        // the others are told apart by their action.
        AuditEntry audit = action == PolicyAction.POLICY_ACTION_AI_INTERVIEW || action == PolicyAction.POLICY_ACTION_WRITE_BACK
                ? AuditRecords.record(event, traceId, AuditRecords.CONSENT_DECIDED, subjectRef, connectionId, attributes,
                new byte[0], decided)
                : AuditRecords.record(event, traceId, AuditRecords.CONSENT_DECIDED, action.name(), subjectRef, connectionId,
                attributes, decided);
        return new Answer(action, response, audit);
    }

    /** The data categories asked about for an action: what the vendor processes, and the result for scoring and write-back. */
    static List<String> categories(ConsentSettings vendor, PolicyAction action) {
        if (action != PolicyAction.POLICY_ACTION_AI_SCORING && action != PolicyAction.POLICY_ACTION_WRITE_BACK) {
            return vendor.dataCategories();
        }
        Set<String> categories = new LinkedHashSet<>(vendor.dataCategories());
        categories.addAll(RESULT_CATEGORIES);
        return List.copyOf(categories);
    }

    static EvaluatePolicyRequest request(Subject subject, PolicyAction action, List<String> categories,
                                         @Nullable Double confidence) {
        return request(subject, action, categories, confidence, null);
    }

    /** The question, with the bias audit recorded for the tool (null: the one its connection declares, if any). */
    static EvaluatePolicyRequest request(Subject subject, PolicyAction action, List<String> categories,
                                         @Nullable Double confidence, @Nullable BiasAudit recorded) {
        EvaluatePolicyRequest.Builder request = EvaluatePolicyRequest.newBuilder()
                .setCandidateId(subject.candidateId())
                .setAction(action)
                .addAllJurisdictions(subject.candidatePlaces())
                .addAllRequisitionJurisdictions(subject.requisitionPlaces())
                .addAllDataCategories(categories)
                .setTool(recorded == null ? tool(subject.aiConnectionId(), subject.vendor())
                        : tool(subject.aiConnectionId(), recorded));
        if (confidence != null) {
            request.setResultConfidence(confidence);
        }
        if (action == PolicyAction.POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY) {
            // The AI vendor is the technology that evaluates the candidate on the employer's behalf (AIVIA 42/10 allows
            // sharing with persons "whose expertise or technology is necessary in order to evaluate").
            request.setRecipient(Recipient.RECIPIENT_EVALUATOR);
        }
        return request.build();
    }

    /** The AI vendor as the automated tool, with the bias audit its connection declares, if any. */
    static AutomatedTool tool(String aiConnectionId, ConsentSettings vendor) {
        AutomatedTool.Builder tool = AutomatedTool.newBuilder().setToolId(aiConnectionId);
        java.time.LocalDate audited = vendor.biasAuditDate();
        if (audited != null) {
            Instant at = audited.atTime(AUDIT_TIME_OF_DAY).toInstant(ZoneOffset.UTC);
            tool.setBiasAuditTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()));
        }
        String summary = vendor.biasAuditSummaryUrl();
        if (summary != null) {
            tool.setBiasAuditSummaryUrl(summary);
        }
        return tool.build();
    }

    /**
     * The AI vendor as the automated tool with the bias audit recorded for it: its date (YYYY-MM-DD, sent at noon UTC
     * like a declared one) and the summary's location.
     */
    static AutomatedTool tool(String aiConnectionId, BiasAudit recorded) {
        Instant at = java.time.LocalDate.parse(recorded.getAuditDate()).atTime(AUDIT_TIME_OF_DAY).toInstant(ZoneOffset.UTC);
        return AutomatedTool.newBuilder()
                .setToolId(aiConnectionId)
                .setBiasAuditTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                .setBiasAuditSummaryUrl(recorded.getSummaryUrl())
                .build();
    }

    /** The audit records of the answers, in the order asked. */
    static List<AuditEntry> audits(List<Answer> answers) {
        List<AuditEntry> audits = new ArrayList<>();
        answers.forEach(answer -> audits.add(answer.audit()));
        return audits;
    }
}
