package io.atsbridge.audit.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.atsbridge.audit.domain.AppendOutcome;
import io.atsbridge.audit.domain.AuditLog;
import io.atsbridge.audit.domain.LoggedRecord;
import io.atsbridge.audit.domain.RecordContent;
import io.atsbridge.audit.domain.RecordFilter;
import io.atsbridge.audit.domain.RecordOutcome;
import io.atsbridge.audit.domain.RecordPage;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AppendRecordsResponse;
import io.atsbridge.proto.audit.v1.AppendResult;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.GetTreeHeadRequest;
import io.atsbridge.proto.audit.v1.GetTreeHeadResponse;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.QueryRecordsResponse;
import io.atsbridge.proto.audit.v1.TreeHead;
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

    AuditGrpcService(AuditLog log) {
        this.log = log;
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
        RecordFilter filter = new RecordFilter(request.getTraceId(), request.getSubjectRef(), request.getAction(),
                request.hasStartTime() ? toInstant(request.getStartTime(), "start_time", "START_TIME_INVALID") : null,
                request.hasEndTime() ? toInstant(request.getEndTime(), "end_time", "END_TIME_INVALID") : null);
        RecordPage page = log.query(CallContext.tenant(), filter, request.getPageSize(), request.getPageToken());
        QueryRecordsResponse.Builder response = QueryRecordsResponse.newBuilder()
                .setNextPageToken(page.nextPageToken());
        for (LoggedRecord record : page.records()) {
            response.addRecords(toProto(record));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void getTreeHead(GetTreeHeadRequest request, StreamObserver<GetTreeHeadResponse> observer) {
        observer.onNext(GetTreeHeadResponse.newBuilder()
                .setTreeHead(toProto(log.treeHead(CallContext.tenant())))
                .build());
        observer.onCompleted();
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
