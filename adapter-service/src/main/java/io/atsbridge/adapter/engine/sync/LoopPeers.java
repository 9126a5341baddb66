package io.atsbridge.adapter.engine.sync;

import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AppendRecordsResponse;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc;
import io.atsbridge.proto.audit.v1.GetLatestAuditRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditResponse;
import io.atsbridge.proto.audit.v1.RecordOutcomeRequest;
import io.atsbridge.proto.audit.v1.RecordOutcomeResponse;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.identity.v1.GetCandidateRequest;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.MergeCandidatesRequest;
import io.atsbridge.proto.identity.v1.MergeCandidatesResponse;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateResponse;
import io.atsbridge.proto.mapping.v1.MappingServiceGrpc;
import io.atsbridge.proto.mapping.v1.PlanWriteBackRequest;
import io.atsbridge.proto.mapping.v1.PlanWriteBackResponse;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The other atsbridge services the loop calls, each call made for the case's tenant and trace (so it
 * carries them on its metadata) with the peer's deadline. Failures come back as {@link SyncFailure}s.
 */
@Singleton
public final class LoopPeers {

    /** The peers the loop needs, by their names in {@code atsbridge.peers}. */
    static final List<String> NAMES = List.of("identity", "consent", "mapping", "audit");
    private static final String SERVICE_NAME = "adapter-service";

    private final PeerChannels peers;

    LoopPeers(PeerChannels peers) {
        this.peers = peers;
    }

    ResolveCandidateResponse resolveCandidate(String tenant, String traceId, ResolveCandidateRequest request) {
        return call(tenant, traceId, "identity-service ResolveCandidate",
                () -> peers.stub("identity", IdentityServiceGrpc::newBlockingStub).resolveCandidate(request));
    }

    MergeCandidatesResponse mergeCandidates(String tenant, String traceId, MergeCandidatesRequest request) {
        return call(tenant, traceId, "identity-service MergeCandidates",
                () -> peers.stub("identity", IdentityServiceGrpc::newBlockingStub).mergeCandidates(request));
    }

    Candidate getCandidate(String tenant, String traceId, String candidateId) {
        return call(tenant, traceId, "identity-service GetCandidate",
                () -> peers.stub("identity", IdentityServiceGrpc::newBlockingStub)
                        .getCandidate(GetCandidateRequest.newBuilder().setCandidateId(candidateId).build()).getCandidate());
    }

    EvaluatePolicyResponse evaluatePolicy(String tenant, String traceId, EvaluatePolicyRequest request) {
        return call(tenant, traceId, "consent-service EvaluatePolicy",
                () -> peers.stub("consent", ConsentServiceGrpc::newBlockingStub).evaluatePolicy(request));
    }

    PlanWriteBackResponse planWriteBack(String tenant, String traceId, PlanWriteBackRequest request) {
        return call(tenant, traceId, "mapping-service PlanWriteBack",
                () -> peers.stub("mapping", MappingServiceGrpc::newBlockingStub).planWriteBack(request));
    }

    AppendRecordsResponse appendRecords(String tenant, @Nullable String traceId, AppendRecordsRequest request) {
        return call(tenant, traceId, "audit-service AppendRecords",
                () -> peers.stub("audit", AuditServiceGrpc::newBlockingStub).appendRecords(request));
    }

    /** The latest independent bias audit recorded for an AI vendor connection (the tool), if any. */
    GetLatestAuditResponse latestBiasAudit(String tenant, @Nullable String traceId, String aiConnectionId) {
        return call(tenant, traceId, "audit-service GetLatestAudit",
                () -> peers.stub("audit", BiasServiceGrpc::newBlockingStub)
                        .getLatestAudit(GetLatestAuditRequest.newBuilder().setConnectionId(aiConnectionId).build()));
    }

    RecordOutcomeResponse recordOutcome(String tenant, @Nullable String traceId, RecordOutcomeRequest request) {
        return call(tenant, traceId, "audit-service BiasService.RecordOutcome",
                () -> peers.stub("audit", BiasServiceGrpc::newBlockingStub).recordOutcome(request));
    }

    /**
     * Opens the channel of every peer the loop needs, so that a missing address stops start-up. Public for
     * {@code config.LoopConfigurationCheck}, which knows whether any connection runs the loop.
     */
    public void checkConfigured() {
        NAMES.forEach(peers::channel);
    }

    private static <T> T call(String tenant, @Nullable String traceId, String step, Callable<T> work) {
        Caller caller = new Caller(SERVICE_NAME, CallerKind.SERVICE, Set.of("service"), Set.of(tenant));
        try {
            return new CallContext(tenant, caller, null, traceId).call(work);
        } catch (Exception e) {
            throw Failures.classify(step, e);
        }
    }
}
