package io.atsbridge.platform.privacy;

import com.google.protobuf.ByteString;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

/**
 * Records reads in audit-service's log over its gRPC API ({@code atsbridge.peers.audit}), with this service's own
 * token (role {@code service}). audit-service itself records its reads in place instead.
 */
@Singleton
public class AuditPeerReadLog implements ReadLog {

    static final String PEER = "audit";

    private final PeerChannels peers;

    AuditPeerReadLog(PeerChannels peers) {
        this.peers = peers;
    }

    @Override
    public void record(PersonalDataRead read) {
        AuditRecord record = AuditRecord.newBuilder()
                .setRecordId(read.recordId())
                .setTraceId(read.traceId())
                .setAction(PersonalDataRead.ACTION)
                .setActor(read.actor())
                .setSubjectRef(read.subjectRef())
                .setConnectionId(read.connectionId())
                .putAllAttributes(read.attributes())
                .setPayloadSha256(ByteString.copyFrom(read.answerSha256()))
                .setOccurTime(ProtoTimes.toProto(read.readTime()))
                .build();
        try {
            peers.stub(PEER, AuditServiceGrpc::newBlockingStub)
                    .appendRecords(AppendRecordsRequest.newBuilder().addRecords(record).build());
        } catch (MissingConfigurationException e) {
            throw new ReadNotRecordedException("reads of personal data are recorded in audit-service's log, and "
                    + e.getMessage(), e);
        } catch (StatusRuntimeException e) {
            throw new ReadNotRecordedException("audit-service did not take the record of this read: "
                    + e.getStatus().getCode() + " " + e.getStatus().getDescription(), e);
        }
    }
}
