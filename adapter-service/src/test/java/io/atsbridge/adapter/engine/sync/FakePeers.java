package io.atsbridge.adapter.engine.sync;

import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.platform.testing.StandInServer;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AppendRecordsResponse;
import io.atsbridge.proto.audit.v1.AppendResult;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.BiasAudit;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc;
import io.atsbridge.proto.audit.v1.GetLatestAuditRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditResponse;
import io.atsbridge.proto.audit.v1.RecordOutcomeRequest;
import io.atsbridge.proto.audit.v1.RecordOutcomeResponse;
import io.atsbridge.proto.common.v1.Application;
import io.atsbridge.proto.common.v1.Assessment;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.Decision;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.RuleOutcome;
import io.atsbridge.proto.identity.v1.GetCandidateRequest;
import io.atsbridge.proto.identity.v1.GetCandidateResponse;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.MergeCandidatesRequest;
import io.atsbridge.proto.identity.v1.MergeCandidatesResponse;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateResponse;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldValue;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.MappingServiceGrpc;
import io.atsbridge.proto.mapping.v1.NoteVisibility;
import io.atsbridge.proto.mapping.v1.PlanWriteBackRequest;
import io.atsbridge.proto.mapping.v1.PlanWriteBackResponse;
import io.atsbridge.proto.mapping.v1.PlannedNote;
import io.atsbridge.proto.mapping.v1.TargetField;
import io.atsbridge.proto.mapping.v1.WritePlan;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for identity, consent, mapping and audit over real gRPC, so that the sync engine's own
 * mechanics (claims, retries, case states, idempotent writes) can be tested in this module. They
 * answer as the contracts say, simply; the real services are exercised end to end in the launcher.
 */
final class FakePeers implements AutoCloseable {

    final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    final List<PlanWriteBackRequest> plans = new CopyOnWriteArrayList<>();
    final List<EvaluatePolicyRequest> evaluations = new CopyOnWriteArrayList<>();
    final List<MergeCandidatesRequest> merges = new CopyOnWriteArrayList<>();
    /** Identity answers UNAVAILABLE while this is above zero, counting down; below zero it always does. */
    final AtomicInteger identityFailures = new AtomicInteger();
    /** Field writes every plan carries besides the usual ones (e.g. a field the ATS does not define). */
    final List<FieldWrite> extraFieldWrites = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Interview decisions by canonical candidate id; ALLOW when absent. */
    final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    /** Decisions on scoring a result (a request with a confidence) by canonical candidate id; ALLOW when absent. */
    final Map<String, Decision> resultScoringDecisions = new ConcurrentHashMap<>();
    /**
     * Notice periods running by canonical candidate id: until the instant, scoring a result and writing it back answer
     * REQUIRE_NOTICE with that earliest_time (a notice given whose period has not passed); from it, the other maps decide.
     */
    final Map<String, Instant> noticePeriodEnds = new ConcurrentHashMap<>();
    /** Write-back decisions by canonical candidate id (a consent withdrawn after the interview); ALLOW when absent. */
    final Map<String, Decision> writeBackDecisions = new ConcurrentHashMap<>();
    /** The candidates identity resolved, by canonical id, as GetCandidate returns them. */
    private final Map<String, Candidate> candidates = new ConcurrentHashMap<>();
    /** Jurisdictions identity knows by ATS candidate id; when absent, those of the resolved profile. */
    final Map<String, List<String>> jurisdictions = new ConcurrentHashMap<>();
    /** The option id the mapping plan writes for each recommendation. */
    final Map<String, String> recommendationOptions = new ConcurrentHashMap<>();
    /** The bias audits recorded in audit-service's bias store, by AI vendor connection id; none when absent. */
    final Map<String, BiasAudit> biasAudits = new ConcurrentHashMap<>();
    /** The RecordOutcome calls BiasService took, in order. */
    final List<RecordOutcomeRequest> outcomes = new CopyOnWriteArrayList<>();
    /** BiasService answers UNAVAILABLE while this is above zero, counting down. */
    final AtomicInteger biasFailures = new AtomicInteger();
    private final Map<String, Long> auditIds = new ConcurrentHashMap<>();
    private final StandInServer server;

    FakePeers() {
        server = StandInServer.start(new Identity(), new Consent(), new Mapping(), new Audit(), new Bias());
    }

    String address() {
        return server.address();
    }

    /** Every call the peers took, with the caller headers it came with. */
    List<StandInServer.Call> calls() {
        return server.calls();
    }

    List<AuditRecord> auditRecords(String traceId) {
        return audit.stream().filter(r -> r.getTraceId().equals(traceId)).toList();
    }

    List<String> auditActions(String traceId) {
        return audit.stream().filter(r -> r.getTraceId().equals(traceId)).map(AuditRecord::getAction).toList();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }

    private final class Identity extends IdentityServiceGrpc.IdentityServiceImplBase {
        @Override
        public void resolveCandidate(ResolveCandidateRequest request, StreamObserver<ResolveCandidateResponse> observer) {
            int failures = identityFailures.getAndUpdate(n -> n > 0 ? n - 1 : n);
            if (failures != 0) {
                observer.onError(Status.UNAVAILABLE.withDescription("identity-service is starting").asRuntimeException());
                return;
            }
            String candidateId = "cand-" + request.getCandidateRef().getId();
            Candidate candidate = Candidate.newBuilder().setId(candidateId).setTenantId("acme")
                    .addAllJurisdictions(jurisdictions.getOrDefault(request.getCandidateRef().getId(),
                            request.getProfile().getJurisdictionsList()))
                    .build();
            candidates.put(candidateId, candidate);
            observer.onNext(ResolveCandidateResponse.newBuilder()
                    .setCandidate(candidate)
                    .setApplication(Application.newBuilder().setId("app-" + request.getApplicationRef().getId())
                            .setCandidateId(candidateId))
                    .build());
            observer.onCompleted();
        }

        /** Both refs resolve to the surviving ref's candidate, as identity-service's merge leaves them. */
        @Override
        public void mergeCandidates(MergeCandidatesRequest request, StreamObserver<MergeCandidatesResponse> observer) {
            merges.add(request);
            String survivor = "cand-" + request.getSurvivingRef().getId();
            Candidate candidate = candidates.computeIfAbsent(survivor, id -> Candidate.newBuilder().setId(id)
                    .setTenantId("acme").build());
            observer.onNext(MergeCandidatesResponse.newBuilder().setCandidate(candidate)
                    .setMergedCandidateId("cand-" + request.getMergedRef().getId()).setMovedLinkCount(2).build());
            observer.onCompleted();
        }

        @Override
        public void getCandidate(GetCandidateRequest request, StreamObserver<GetCandidateResponse> observer) {
            Candidate candidate = candidates.get(request.getCandidateId());
            if (candidate == null) {
                observer.onError(Status.NOT_FOUND.withDescription("no candidate " + request.getCandidateId()).asRuntimeException());
                return;
            }
            observer.onNext(GetCandidateResponse.newBuilder().setCandidate(candidate).build());
            observer.onCompleted();
        }
    }

    private final class Consent extends ConsentServiceGrpc.ConsentServiceImplBase {
        @Override
        public void evaluatePolicy(EvaluatePolicyRequest request, StreamObserver<EvaluatePolicyResponse> observer) {
            evaluations.add(request);
            Decision decision = (request.getAction() == PolicyAction.POLICY_ACTION_WRITE_BACK ? writeBackDecisions
                    : request.getAction() == PolicyAction.POLICY_ACTION_AI_SCORING && request.hasResultConfidence()
                    ? resultScoringDecisions : decisions)
                    .getOrDefault(request.getCandidateId(), Decision.DECISION_ALLOW);
            Instant periodEnds = noticePeriodEnds.get(request.getCandidateId());
            boolean aboutResult = request.getAction() == PolicyAction.POLICY_ACTION_WRITE_BACK
                    || (request.getAction() == PolicyAction.POLICY_ACTION_AI_SCORING && request.hasResultConfidence());
            boolean waiting = aboutResult && periodEnds != null && Instant.now().isBefore(periodEnds);
            if (waiting) {
                decision = Decision.DECISION_REQUIRE_NOTICE;
            }
            boolean allowed = decision == Decision.DECISION_ALLOW;
            EvaluatePolicyResponse.Builder response = EvaluatePolicyResponse.newBuilder();
            if (waiting) {
                response.setEarliestTime(ProtoTimes.toProto(periodEnds));
            }
            observer.onNext(response
                    .setDecision(decision)
                    .addRules(RuleOutcome.newBuilder().setRuleId("NYC-01").setJurisdiction("US-NY-NYC").setSatisfied(true))
                    .addRules(RuleOutcome.newBuilder().setRuleId("IL-06").setJurisdiction("US-IL").setSatisfied(allowed)
                            .setEffect(decision))
                    .setRulePackVersion("test-pack-1")
                    .build());
            observer.onCompleted();
        }
    }

    private final class Mapping extends MappingServiceGrpc.MappingServiceImplBase {
        @Override
        public void planWriteBack(PlanWriteBackRequest request, StreamObserver<PlanWriteBackResponse> observer) {
            plans.add(request);
            Assessment assessment = request.getAssessment();
            WritePlan.Builder plan = WritePlan.newBuilder()
                    .setProfileId(request.getProfileId())
                    .setProfileVersion(3)
                    .addFieldWrites(write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE,
                            FieldValue.newBuilder().setNumberValue(assessment.getOverallScore().getValue())))
                    .addFieldWrites(write("ai_summary", FieldType.FIELD_TYPE_LONG_TEXT, FieldScope.FIELD_SCOPE_APPLICATION,
                            FieldValue.newBuilder().setTextValue(assessment.getRationale())));
            String option = recommendationOptions.get(assessment.getRecommendation().name());
            if (option != null) {
                plan.addFieldWrites(write("ai_recommendation", FieldType.FIELD_TYPE_SINGLE_SELECT,
                        FieldScope.FIELD_SCOPE_CANDIDATE, FieldValue.newBuilder().setOptionId(option)));
            }
            plan.addAllFieldWrites(extraFieldWrites);
            assessment.getSkillTagsList().forEach(skill -> plan.addTags("ai-skill:" + skill));
            plan.setNote(PlannedNote.newBuilder()
                    .setBody("AI assessment. This is a suggestion only.\nOverall score: "
                            + assessment.getOverallScore().getValue() + "\nAudit reference: " + request.getAuditReference() + "\n")
                    .setVisibility(NoteVisibility.NOTE_VISIBILITY_PRIVATE));
            observer.onNext(PlanWriteBackResponse.newBuilder().setPlan(plan).build());
            observer.onCompleted();
        }

        private FieldWrite write(String key, FieldType type, FieldScope scope, FieldValue.Builder value) {
            return FieldWrite.newBuilder()
                    .setField(TargetField.newBuilder().setKey(key).setType(type).setScope(scope))
                    .setValue(value)
                    .build();
        }
    }

    private final class Audit extends AuditServiceGrpc.AuditServiceImplBase {
        @Override
        public void appendRecords(AppendRecordsRequest request, StreamObserver<AppendRecordsResponse> observer) {
            AppendRecordsResponse.Builder response = AppendRecordsResponse.newBuilder();
            for (AuditRecord record : request.getRecordsList()) {
                Long existing = auditIds.get(record.getRecordId());
                if (existing == null) {
                    long sequence = audit.size();
                    auditIds.put(record.getRecordId(), sequence);
                    audit.add(record);
                    response.addResults(AppendResult.newBuilder().setRecordId(record.getRecordId()).setSequence(sequence));
                } else {
                    response.addResults(AppendResult.newBuilder().setRecordId(record.getRecordId()).setSequence(existing)
                            .setDuplicate(true));
                }
            }
            observer.onNext(response.build());
            observer.onCompleted();
        }
    }

    private final class Bias extends BiasServiceGrpc.BiasServiceImplBase {
        @Override
        public void getLatestAudit(GetLatestAuditRequest request, StreamObserver<GetLatestAuditResponse> observer) {
            BiasAudit recorded = biasAudits.get(request.getConnectionId());
            observer.onNext(recorded == null ? GetLatestAuditResponse.getDefaultInstance()
                    : GetLatestAuditResponse.newBuilder().setFound(true).setAudit(recorded).build());
            observer.onCompleted();
        }

        @Override
        public void recordOutcome(RecordOutcomeRequest request, StreamObserver<RecordOutcomeResponse> observer) {
            if (biasFailures.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                observer.onError(io.grpc.Status.UNAVAILABLE.withDescription("bias store restarting").asRuntimeException());
                return;
            }
            outcomes.add(request);
            observer.onNext(RecordOutcomeResponse.getDefaultInstance());
            observer.onCompleted();
        }
    }
}
