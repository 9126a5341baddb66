package io.atsbridge.consent.grpc;

import com.google.protobuf.Timestamp;
import io.atsbridge.consent.domain.ConsentEntry;
import io.atsbridge.consent.domain.ConsentLedger;
import io.atsbridge.consent.domain.ConsentPage;
import io.atsbridge.consent.domain.Effect;
import io.atsbridge.consent.domain.LedgerEntry;
import io.atsbridge.consent.domain.NoticeShown;
import io.atsbridge.consent.domain.NoticeTemplate;
import io.atsbridge.consent.domain.Notices;
import io.atsbridge.consent.domain.PolicyDecision;
import io.atsbridge.consent.domain.PolicyEngine;
import io.atsbridge.consent.domain.PolicyQuery;
import io.atsbridge.consent.domain.RenderedNotice;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.consent.v1.ConsentMethod;
import io.atsbridge.proto.consent.v1.ConsentRecord;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.ConsentState;
import io.atsbridge.proto.consent.v1.Decision;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.GetNoticeRequest;
import io.atsbridge.proto.consent.v1.GetNoticeResponse;
import io.atsbridge.proto.consent.v1.ListConsentsRequest;
import io.atsbridge.proto.consent.v1.ListConsentsResponse;
import io.atsbridge.proto.consent.v1.ListNoticesRequest;
import io.atsbridge.proto.consent.v1.ListNoticesResponse;
import io.atsbridge.proto.consent.v1.MissingConsent;
import io.atsbridge.proto.consent.v1.Notice;
import io.atsbridge.proto.consent.v1.NoticeKind;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.Recipient;
import io.atsbridge.proto.consent.v1.RecordConsentRequest;
import io.atsbridge.proto.consent.v1.RecordConsentResponse;
import io.atsbridge.proto.consent.v1.RuleOutcome;
import io.grpc.stub.StreamObserver;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Translates consent-service RPCs to the {@link PolicyEngine} and {@link ConsentLedger} and back. */
@Singleton
final class ConsentGrpcService extends ConsentServiceGrpc.ConsentServiceImplBase {

    /** The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z. */
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    private final PolicyEngine engine;
    private final ConsentLedger ledger;
    private final LedgerAuditLog auditLog;
    private final Notices notices;

    ConsentGrpcService(PolicyEngine engine, ConsentLedger ledger, LedgerAuditLog auditLog, Notices notices) {
        this.auditLog = auditLog;
        this.notices = notices;
        this.engine = engine;
        this.ledger = ledger;
    }

    @Override
    public void evaluatePolicy(EvaluatePolicyRequest request, StreamObserver<EvaluatePolicyResponse> observer) {
        io.atsbridge.consent.domain.PolicyAction action = action(request.getAction(), request.getActionValue());
        PolicyQuery.ToolAudit tool = request.hasTool() ? new PolicyQuery.ToolAudit(request.getTool().getToolId(),
                request.getTool().hasBiasAuditTime() ? time("tool.bias_audit_time", request.getTool().getBiasAuditTime()) : null,
                request.getTool().getBiasAuditSummaryUrl()) : null;
        PolicyDecision decision = engine.evaluate(CallContext.tenant(), new PolicyQuery(request.getCandidateId(),
                action, request.getJurisdictionsList(), request.getDataCategoriesList(),
                time("evaluate_time", request.getEvaluateTime()), request.getRequisitionJurisdictionsList(),
                request.hasResultConfidence() ? request.getResultConfidence() : null, tool,
                request.getRecipient() == Recipient.RECIPIENT_EVALUATOR ? PolicyQuery.Recipient.EVALUATOR
                        : PolicyQuery.Recipient.OTHER,
                request.hasLastInteractionTime() ? time("last_interaction_time", request.getLastInteractionTime()) : null,
                request.hasDeletionRequestTime() ? time("deletion_request_time", request.getDeletionRequestTime()) : null,
                request.getJobPostingDisclosesAi()));

        EvaluatePolicyResponse.Builder response = EvaluatePolicyResponse.newBuilder()
                .setDecision(toProto(decision.decision()))
                .setRulePackVersion(decision.rulePackVersion());
        if (decision.earliestTime() != null) {
            response.setEarliestTime(ProtoTimes.toProto(decision.earliestTime()));
        }
        for (io.atsbridge.consent.domain.RuleOutcome outcome : decision.rules()) {
            RuleOutcome.Builder rule = RuleOutcome.newBuilder()
                    .setRuleId(outcome.ruleId())
                    .setJurisdiction(outcome.jurisdiction())
                    .setDataCategory(outcome.dataCategory())
                    .setObligation(outcome.obligation())
                    .setObligationType(outcome.obligationType())
                    .setCitation(outcome.citation())
                    .setEffect(toProto(outcome.effect()))
                    .setSatisfied(outcome.satisfied())
                    .setDetail(outcome.detail());
            if (outcome.earliestTime() != null) {
                rule.setEarliestTime(ProtoTimes.toProto(outcome.earliestTime()));
            }
            response.addRules(rule);
        }
        for (io.atsbridge.consent.domain.MissingConsent missing : decision.missingConsents()) {
            response.addMissingConsents(MissingConsent.newBuilder()
                    .setPurpose(missing.purpose())
                    .setDataCategory(missing.dataCategory())
                    .setJurisdiction(missing.jurisdiction())
                    .setConsentType(missing.consentType())
                    .addAllAcceptedMethods(missing.acceptedMethods().stream()
                            .map(method -> ConsentMethod.valueOf("CONSENT_METHOD_" + method.name())).toList())
                    .setAllParties(missing.allParties()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void recordConsent(RecordConsentRequest request, StreamObserver<RecordConsentResponse> observer) {
        DomainException.checkArgument(request.hasConsent(), "CONSENT_MISSING",
                "consent is unset (expected: the ledger entry to record)");
        ConsentRecord consent = request.getConsent();
        io.atsbridge.consent.domain.ConsentMethod method = switch (consent.getMethod()) {
            case CONSENT_METHOD_WRITTEN -> io.atsbridge.consent.domain.ConsentMethod.WRITTEN;
            case CONSENT_METHOD_ELECTRONIC_SIGNATURE -> io.atsbridge.consent.domain.ConsentMethod.ELECTRONIC_SIGNATURE;
            case CONSENT_METHOD_CLICKWRAP -> io.atsbridge.consent.domain.ConsentMethod.CLICKWRAP;
            case CONSENT_METHOD_RECORDED_VERBAL -> io.atsbridge.consent.domain.ConsentMethod.RECORDED_VERBAL;
            default -> throw DomainException.invalidArgument("METHOD_MISSING",
                    "consent.method: %s (expected: one of CONSENT_METHOD_WRITTEN, CONSENT_METHOD_ELECTRONIC_SIGNATURE, "
                            + "CONSENT_METHOD_CLICKWRAP, CONSENT_METHOD_RECORDED_VERBAL)", methodName(consent));
        };
        io.atsbridge.consent.domain.ConsentState state = switch (consent.getState()) {
            case CONSENT_STATE_GRANTED -> io.atsbridge.consent.domain.ConsentState.GRANTED;
            case CONSENT_STATE_WITHDRAWN -> io.atsbridge.consent.domain.ConsentState.WITHDRAWN;
            default -> throw DomainException.invalidArgument("STATE_MISSING",
                    "consent.state: %s (expected: CONSENT_STATE_GRANTED or CONSENT_STATE_WITHDRAWN)", stateName(consent));
        };
        LedgerEntry stored = ledger.record(CallContext.tenant(), request.getRequestId(), new ConsentEntry(
                consent.getCandidateId(), consent.getPurpose(), consent.getDataCategory(), consent.getJurisdiction(),
                method, state, consent.getEvidenceRef(),
                consent.hasCaptureTime() ? time("consent.capture_time", consent.getCaptureTime()) : null,
                consent.getAllParties(), consent.getNoticeVersion() == 0 && consent.getTextSha256().isEmpty() ? null
                : new NoticeShown(consent.getNoticeVersion(), consent.getTextSha256())), request.getNoticeVariablesMap());
        // The proof: answered only once the audit log holds the entry (see LedgerAuditLog).
        auditLog.append(CallContext.current(), stored);
        observer.onNext(RecordConsentResponse.newBuilder().setConsent(toProto(stored)).build());
        observer.onCompleted();
    }

    @Override
    public void listConsents(ListConsentsRequest request, StreamObserver<ListConsentsResponse> observer) {
        ConsentPage page = ledger.list(CallContext.tenant(), request.getCandidateId(), request.getPageSize(),
                request.getPageToken());
        ListConsentsResponse.Builder response = ListConsentsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        for (LedgerEntry entry : page.entries()) {
            response.addConsents(toProto(entry));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void listNotices(ListNoticesRequest request, StreamObserver<ListNoticesResponse> observer) {
        List<NoticeTemplate> found = notices.list(CallContext.tenant(), action(request.getAction(), request.getActionValue()),
                request.getJurisdictionsList(), request.getRequisitionJurisdictionsList(), request.getDataCategoriesList(),
                request.hasEvaluateTime() ? time("evaluate_time", request.getEvaluateTime()) : null, request.getLanguage());
        ListNoticesResponse.Builder response = ListNoticesResponse.newBuilder()
                .setRulePackVersion(notices.rulePackVersion());
        found.forEach(notice -> response.addNotices(toProto(notice)));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void getNotice(GetNoticeRequest request, StreamObserver<GetNoticeResponse> observer) {
        RenderedNotice rendered = notices.render(request.getNoticeId(), request.getVersion(), request.getLanguage(),
                request.getVariablesMap());
        observer.onNext(GetNoticeResponse.newBuilder()
                .setNotice(toProto(rendered.notice()))
                .setText(rendered.text())
                .setTextSha256(rendered.textSha256())
                .build());
        observer.onCompleted();
    }

    private static Notice toProto(NoticeTemplate notice) {
        return Notice.newBuilder()
                .setNoticeId(notice.noticeId())
                .setVersion(notice.version())
                .setLanguage(notice.language())
                .setJurisdiction(notice.jurisdiction())
                .setKind(NoticeKind.valueOf("NOTICE_KIND_" + notice.kind().name()))
                .setTitle(notice.title())
                .addAllRuleIds(notice.ruleIds())
                .addAllVariables(notice.variables())
                .addAllCandidateFields(notice.candidateFields())
                .setRecordPurpose(notice.recordPurpose())
                .setSource(notice.source())
                .build();
    }

    private static io.atsbridge.consent.domain.PolicyAction action(PolicyAction proto, int number) {
        return switch (proto) {
            case POLICY_ACTION_AI_INTERVIEW -> io.atsbridge.consent.domain.PolicyAction.AI_INTERVIEW;
            case POLICY_ACTION_AI_SCORING -> io.atsbridge.consent.domain.PolicyAction.AI_SCORING;
            case POLICY_ACTION_WRITE_BACK -> io.atsbridge.consent.domain.PolicyAction.WRITE_BACK;
            case POLICY_ACTION_RETAIN -> io.atsbridge.consent.domain.PolicyAction.RETAIN;
            case POLICY_ACTION_CAPTURE -> io.atsbridge.consent.domain.PolicyAction.CAPTURE;
            case POLICY_ACTION_AI_ANALYSIS -> io.atsbridge.consent.domain.PolicyAction.AI_ANALYSIS;
            case POLICY_ACTION_AUTOMATED_REJECTION -> io.atsbridge.consent.domain.PolicyAction.AUTOMATED_REJECTION;
            case POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY -> io.atsbridge.consent.domain.PolicyAction.DISCLOSE_TO_THIRD_PARTY;
            default -> throw DomainException.invalidArgument("ACTION_MISSING",
                    "action: %s (expected: one of POLICY_ACTION_AI_INTERVIEW, POLICY_ACTION_AI_SCORING, "
                            + "POLICY_ACTION_WRITE_BACK, POLICY_ACTION_RETAIN, POLICY_ACTION_CAPTURE, "
                            + "POLICY_ACTION_AI_ANALYSIS, POLICY_ACTION_AUTOMATED_REJECTION, "
                            + "POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY)", actionName(proto, number));
        };
    }

    /** The instant, or null when unset; INVALID_ARGUMENT (TIME_INVALID) outside the Timestamp range. */
    @Nullable
    private static Instant time(String field, Timestamp timestamp) {
        DomainException.checkArgument(timestamp.getSeconds() >= MIN_SECONDS && timestamp.getSeconds() <= MAX_SECONDS
                        && timestamp.getNanos() >= 0 && timestamp.getNanos() <= 999_999_999, "TIME_INVALID",
                "%s: %ss %sns (expected: a valid google.protobuf.Timestamp between years 1 and 9999)",
                field, timestamp.getSeconds(), timestamp.getNanos());
        return ProtoTimes.toInstant(timestamp);
    }

    private static ConsentRecord toProto(LedgerEntry entry) {
        ConsentRecord.Builder record = ConsentRecord.newBuilder()
                .setId(entry.entryId())
                .setCandidateId(entry.candidateId())
                .setPurpose(entry.purpose())
                .setDataCategory(entry.dataCategory())
                .setJurisdiction(entry.jurisdiction())
                .setMethod(ConsentMethod.valueOf("CONSENT_METHOD_" + entry.method().name()))
                .setState(ConsentState.valueOf("CONSENT_STATE_" + entry.state().name()))
                .setEvidenceRef(entry.evidenceRef())
                .setCaptureTime(ProtoTimes.toProto(entry.captureTime()))
                .setRecordTime(ProtoTimes.toProto(entry.recordTime()))
                .setAllParties(entry.allParties());
        NoticeShown shown = entry.noticeShown();
        if (shown != null) {
            record.setNoticeVersion(shown.version()).setTextSha256(shown.textSha256());
        }
        return record.build();
    }

    private static Decision toProto(Effect effect) {
        return switch (effect) {
            case ALLOW -> Decision.DECISION_ALLOW;
            case DENY -> Decision.DECISION_DENY;
            case REQUIRE_CONSENT -> Decision.DECISION_REQUIRE_CONSENT;
            case REQUIRE_NOTICE -> Decision.DECISION_REQUIRE_NOTICE;
            case REQUIRE_HUMAN_REVIEW -> Decision.DECISION_REQUIRE_HUMAN_REVIEW;
        };
    }

    // Unrecognised enum numbers have no name; say the number the caller sent.
    private static String actionName(PolicyAction action, int number) {
        return action == PolicyAction.UNRECOGNIZED ? String.valueOf(number) : action.name();
    }

    private static String methodName(ConsentRecord consent) {
        return consent.getMethod() == ConsentMethod.UNRECOGNIZED ? String.valueOf(consent.getMethodValue())
                : consent.getMethod().name();
    }

    private static String stateName(ConsentRecord consent) {
        return consent.getState() == ConsentState.UNRECOGNIZED ? String.valueOf(consent.getStateValue())
                : consent.getState().name();
    }
}
