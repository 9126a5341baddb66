package io.atsbridge.consent.grpc;

import io.atsbridge.platform.testing.StandInServer;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AppendRecordsResponse;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** audit-service as consent-service's tests need it: keeps what is appended, or refuses while told to. */
final class AuditStandIn implements AutoCloseable {

    final List<AuditRecord> records = new CopyOnWriteArrayList<>();
    final AtomicBoolean unavailable = new AtomicBoolean();
    private final StandInServer server;

    AuditStandIn() {
        server = StandInServer.start(new AuditServiceGrpc.AuditServiceImplBase() {
            @Override
            public void appendRecords(AppendRecordsRequest request, StreamObserver<AppendRecordsResponse> observer) {
                if (unavailable.get()) {
                    observer.onError(Status.UNAVAILABLE.withDescription("audit log down (test)").asRuntimeException());
                    return;
                }
                records.addAll(request.getRecordsList());
                observer.onNext(AppendRecordsResponse.getDefaultInstance());
                observer.onCompleted();
            }
        });
    }

    /** The properties that point consent-service at this stand-in. */
    Map<String, String> properties() {
        return Map.of("atsbridge.peers.audit.address", server.address(), "atsbridge.client.token", "consent-client-token-0123456789");
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
