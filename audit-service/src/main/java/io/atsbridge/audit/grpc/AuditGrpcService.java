package io.atsbridge.audit.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.atsbridge.audit.domain.AppendOutcome;
import io.atsbridge.audit.domain.AuditLog;
import io.atsbridge.audit.domain.CandidateTimeline;
import io.atsbridge.audit.domain.CandidateTimelines;
import io.atsbridge.audit.domain.ConsistencyProof;
import io.atsbridge.audit.domain.InclusionProof;
import io.atsbridge.audit.domain.LogVerification;
import io.atsbridge.audit.domain.LoggedRecord;
import io.atsbridge.audit.domain.RecordContent;
import io.atsbridge.audit.domain.RecordExports;
import io.atsbridge.audit.domain.RecordFilter;
import io.atsbridge.audit.domain.RecordOutcome;
import io.atsbridge.audit.domain.RecordPage;
import io.atsbridge.audit.domain.SignedHeads;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AppendRecordsResponse;
import io.atsbridge.proto.audit.v1.AppendResult;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.ExportRecordsRequest;
import io.atsbridge.proto.audit.v1.ExportRecordsResponse;
import io.atsbridge.proto.audit.v1.ExportedRecord;
import io.atsbridge.proto.audit.v1.GetCandidateTimelineRequest;
import io.atsbridge.proto.audit.v1.GetCandidateTimelineResponse;
import io.atsbridge.proto.audit.v1.GetConsistencyProofRequest;
import io.atsbridge.proto.audit.v1.GetConsistencyProofResponse;
import io.atsbridge.proto.audit.v1.GetInclusionProofRequest;
import io.atsbridge.proto.audit.v1.GetInclusionProofResponse;
import io.atsbridge.proto.audit.v1.GetTreeHeadRequest;
import io.atsbridge.proto.audit.v1.GetTreeHeadResponse;
import io.atsbridge.proto.audit.v1.LogProblem;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.QueryRecordsResponse;
import io.atsbridge.proto.audit.v1.SignedTreeHead;
import io.atsbridge.proto.audit.v1.TimelineEntry;
import io.atsbridge.proto.audit.v1.TreeHead;
import io.atsbridge.proto.audit.v1.VerifyLogRequest;
import io.atsbridge.proto.audit.v1.VerifyLogResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Translates audit-service RPCs to the {@link AuditLog} and back. */
@Singleton
final class AuditGrpcService extends AuditServiceGrpc.AuditServiceImplBase {

    /** The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    private final AuditLog log;
    private final SignedHeads signedHeads;
    private final CandidateTimelines timelines;
    private final RecordExports exports;

    AuditGrpcService(AuditLog log, SignedHeads signedHeads, CandidateTimelines timelines, RecordExports exports) {
        this.log = log;
        this.signedHeads = signedHeads;
        this.timelines = timelines;
        this.exports = exports;
    }

    @Override
    public void appendRecords(AppendRecordsRequest request, StreamObserver<AppendRecordsResponse> observer) {
        List<RecordContent> contents = new ArrayList<>(request.getRecordsCount());
        for (int i = 0; i < request.getRecordsCount(); i++) {
            contents.add(toDomain(request.getRecords(i), i));
        }
        AppendOutcome outcome = log.append(CallContext.tenant(), contents);
        AppendRecordsResponse.Builder response = AppendRecordsResponse.newBuilder()
                .setTreeHead(toProto(outcome.treeHead()));
        for (RecordOutcome result : outcome.results()) {
            response.addResults(AppendResult.newBuilder()
                    .setRecordId(result.recordId())
                    .setSequence(result.sequence())
                    .setDuplicate(result.duplicate()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void queryRecords(QueryRecordsRequest request, StreamObserver<QueryRecordsResponse> observer) {
        RecordPage page = log.query(CallContext.tenant(), toDomain(request), request.getPageSize(), request.getPageToken());
        QueryRecordsResponse.Builder response = QueryRecordsResponse.newBuilder()
                .setNextPageToken(page.nextPageToken());
        for (LoggedRecord record : page.records()) {
            response.addRecords(toProto(record));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void getCandidateTimeline(GetCandidateTimelineRequest request,
                                     StreamObserver<GetCandidateTimelineResponse> observer) {
        CandidateTimeline timeline = timelines.timeline(CallContext.tenant(), request.getCandidateId(),
                request.getPageSize(), request.getPageToken());
        GetCandidateTimelineResponse.Builder response = GetCandidateTimelineResponse.newBuilder()
                .setNextPageToken(timeline.nextPageToken())
                .addAllTraceIds(timeline.traceIds())
                .addAllApplicationIds(timeline.applicationIds());
        for (CandidateTimeline.Step step : timeline.steps()) {
            response.addEntries(TimelineEntry.newBuilder().setRecord(toProto(step.record())).setSummary(step.summary()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void exportRecords(ExportRecordsRequest request, StreamObserver<ExportRecordsResponse> observer) {
        RecordFilter filter = new RecordFilter(request.getTraceId(), request.getSubjectRef(), request.getAction(),
                request.hasStartTime() ? toInstant(request.getStartTime(), "start_time", "START_TIME_INVALID") : null,
                request.hasEndTime() ? toInstant(request.getEndTime(), "end_time", "END_TIME_INVALID") : null,
                request.getCandidateId(), request.getApplicationId(), request.getRequisitionId(), request.getActor());
        exports.export(CallContext.tenant(), filter, new RecordExports.Sink() {
            @Override
            public void head(io.atsbridge.audit.domain.SignedTreeHead head) {
                observer.onNext(ExportRecordsResponse.newBuilder().setSignedTreeHead(toProto(head)).build());
            }

            @Override
            public void record(RecordExports.ExportedRecord exported) {
                ExportedRecord.Builder record = ExportedRecord.newBuilder()
                        .setRecord(toProto(exported.record()))
                        .setLeafBytes(ByteString.copyFrom(exported.leafBytes()));
                exported.auditPath().forEach(hash -> record.addAuditPath(ByteString.copyFrom(hash)));
                observer.onNext(ExportRecordsResponse.newBuilder().setRecord(record).build());
            }
        });
        observer.onCompleted();
    }

    private static RecordFilter toDomain(QueryRecordsRequest request) {
        return new RecordFilter(request.getTraceId(), request.getSubjectRef(), request.getAction(),
                request.hasStartTime() ? toInstant(request.getStartTime(), "start_time", "START_TIME_INVALID") : null,
                request.hasEndTime() ? toInstant(request.getEndTime(), "end_time", "END_TIME_INVALID") : null,
                request.getCandidateId(), request.getApplicationId(), request.getRequisitionId(), request.getActor());
    }

    @Override
    public void getTreeHead(GetTreeHeadRequest request, StreamObserver<GetTreeHeadResponse> observer) {
        String tenant = CallContext.tenant();
        GetTreeHeadResponse.Builder response = GetTreeHeadResponse.newBuilder()
                .setTreeHead(toProto(log.treeHead(tenant)));
        signedHeads.current(tenant).ifPresent(signed -> response.setSignedTreeHead(toProto(signed)));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void getInclusionProof(GetInclusionProofRequest request, StreamObserver<GetInclusionProofResponse> observer) {
        String tenant = CallContext.tenant();
        InclusionProof proof = switch (request.getLeafCase()) {
            case SEQUENCE -> log.inclusionProof(tenant, request.getSequence(), request.getTreeSize());
            case RECORD_ID -> log.inclusionProof(tenant, request.getRecordId(), request.getTreeSize());
            case LEAF_NOT_SET -> throw DomainException.invalidArgument("LEAF_MISSING",
                    "neither sequence nor record_id is set (expected: one of them, naming the record to prove)")
                    .with("field", "leaf");
        };
        GetInclusionProofResponse.Builder response = GetInclusionProofResponse.newBuilder()
                .setSequence(proof.sequence())
                .setTreeSize(proof.treeSize())
                .setLeafHash(ByteString.copyFrom(proof.leafHash()))
                .setRootHash(ByteString.copyFrom(proof.rootHash()));
        proof.path().forEach(hash -> response.addAuditPath(ByteString.copyFrom(hash)));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void getConsistencyProof(GetConsistencyProofRequest request,
                                    StreamObserver<GetConsistencyProofResponse> observer) {
        ConsistencyProof proof = log.consistencyProof(CallContext.tenant(), request.getFirstTreeSize(),
                request.getSecondTreeSize());
        GetConsistencyProofResponse.Builder response = GetConsistencyProofResponse.newBuilder()
                .setFirstTreeSize(proof.firstSize())
                .setSecondTreeSize(proof.secondSize())
                .setFirstRootHash(ByteString.copyFrom(proof.firstRoot()))
                .setSecondRootHash(ByteString.copyFrom(proof.secondRoot()));
        proof.path().forEach(hash -> response.addProof(ByteString.copyFrom(hash)));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void verifyLog(VerifyLogRequest request, StreamObserver<VerifyLogResponse> observer) {
        LogVerification verification = log.verify(CallContext.tenant());
        VerifyLogResponse.Builder response = VerifyLogResponse.newBuilder()
                .setIntact(verification.intact())
                .setProblem(toProto(verification.problem()))
                .setFinding(verification.finding())
                .setSequence(verification.sequence())
                .setRecordId(verification.recordId())
                .setTreeHead(toProto(verification.treeHead()))
                .setSignedHeadsChecked(verification.signedHeadsChecked());
        if (verification.contradictedHead() != null) {
            response.setContradictedHead(toProto(verification.contradictedHead()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    private static LogProblem toProto(LogVerification.Problem problem) {
        return switch (problem) {
            case NONE -> LogProblem.LOG_PROBLEM_UNSPECIFIED;
            case CHANGED -> LogProblem.LOG_PROBLEM_CHANGED;
            case DELETED -> LogProblem.LOG_PROBLEM_DELETED;
            case INSERTED -> LogProblem.LOG_PROBLEM_INSERTED;
            case REORDERED -> LogProblem.LOG_PROBLEM_REORDERED;
            case UNREADABLE -> LogProblem.LOG_PROBLEM_UNREADABLE;
            case ROOT_MISMATCH -> LogProblem.LOG_PROBLEM_ROOT_MISMATCH;
            case SIGNATURE_INVALID -> LogProblem.LOG_PROBLEM_SIGNATURE_INVALID;
            case NODE_MISMATCH -> LogProblem.LOG_PROBLEM_NODE_MISMATCH;
        };
    }

    private static SignedTreeHead toProto(io.atsbridge.audit.domain.SignedTreeHead head) {
        return SignedTreeHead.newBuilder()
                .setTenantId(head.tenantId())
                .setTreeSize(head.treeSize())
                .setRootHash(ByteString.copyFrom(head.rootHash()))
                .setHeadTime(ProtoTimes.toProto(head.headTime()))
                .setKeyId(head.keyId())
                .setSignature(ByteString.copyFrom(head.signature()))
                .setSignedBytes(ByteString.copyFrom(head.signedBytes()))
                .build();
    }

    /**
     * The content fields of a record to append. sequence, leaf_hash and append_time are output only
     * and ignored (AIP-203), so a producer may resend a record exactly as QueryRecords returned it.
     */
    private static RecordContent toDomain(AuditRecord record, int index) {
        Instant occurTime = record.hasOccurTime()
                ? toInstant(record.getOccurTime(), "records[" + index + "].occur_time", "OCCUR_TIME_INVALID")
                : null;
        return RecordContent.of(record.getRecordId(), record.getTraceId(), record.getAction(), record.getActor(),
                record.getSubjectRef(), record.getConnectionId(), record.getAttributesMap(),
                record.getPayloadSha256().toByteArray(), occurTime);
    }

    /** The instant, or null when the timestamp is all zero (unset); INVALID_ARGUMENT outside Timestamp's range. */
    @Nullable
    private static Instant toInstant(Timestamp timestamp, String field, String reason) {
        if (timestamp.getSeconds() < MIN_SECONDS || timestamp.getSeconds() > MAX_SECONDS
                || timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
            throw DomainException.invalidArgument(reason,
                    "%s: {seconds: %s, nanos: %s} is not a valid timestamp (expected: seconds within years 1..9999, "
                            + "nanos 0..999999999)", field, timestamp.getSeconds(), timestamp.getNanos())
                    .with("field", field);
        }
        return ProtoTimes.toInstant(timestamp);
    }

    private static AuditRecord toProto(LoggedRecord record) {
        RecordContent content = record.content();
        AuditRecord.Builder proto = AuditRecord.newBuilder()
                .setRecordId(content.recordId())
                .setTraceId(content.traceId())
                .setAction(content.action())
                .setActor(content.actor())
                .setSubjectRef(content.subjectRef())
                .setConnectionId(content.connectionId())
                .putAllAttributes(content.attributes())
                .setPayloadSha256(ByteString.copyFrom(content.payloadSha256()))
                .setSequence(record.sequence())
                .setLeafHash(ByteString.copyFrom(record.leafHash()))
                .setAppendTime(ProtoTimes.toProto(record.appendTime()));
        if (content.occurTime() != null) {
            proto.setOccurTime(ProtoTimes.toProto(content.occurTime()));
        }
        return proto.build();
    }

    private static TreeHead toProto(io.atsbridge.audit.domain.TreeHead head) {
        TreeHead.Builder proto = TreeHead.newBuilder()
                .setTreeSize(head.treeSize())
                .setRootHash(ByteString.copyFrom(head.rootHash()));
        if (head.updateTime() != null) {
            proto.setUpdateTime(ProtoTimes.toProto(head.updateTime()));
        }
        return proto.build();
    }
}
