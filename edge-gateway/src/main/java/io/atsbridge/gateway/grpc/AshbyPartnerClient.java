package io.atsbridge.gateway.grpc;

import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.proto.adapter.v1.AshbyCandidate;
import io.atsbridge.proto.adapter.v1.CancelAshbyAssessmentRequest;
import io.atsbridge.proto.adapter.v1.ListAshbyAssessmentTypesRequest;
import io.atsbridge.proto.adapter.v1.PartnerServiceGrpc;
import io.atsbridge.proto.adapter.v1.StartAshbyAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartAshbyAssessmentResponse;
import io.atsbridge.proto.adapter.v1.VerifyAshbyPartnerKeyRequest;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The gateway's calls to the adapter's PartnerService for Ashby's assessment partner API, for the tenant that
 * owns the connection named in the URL. Failures become {@link WebhookRejection}s: INVALID_ARGUMENT 422 (Ashby
 * shows a 422's message to its user), NOT_FOUND 404 (an unknown assessment type 422, for the same reason),
 * ALREADY_EXISTS 409 (Ashby's documented "already being assessed"), FAILED_PRECONDITION 409, anything else 503.
 */
@Singleton
public final class AshbyPartnerClient {

    private static final Caller GATEWAY = new Caller("edge-gateway", CallerKind.SERVICE, Set.of("service"), Set.of(Caller.ANY_TENANT));

    /** One assessment type offered. */
    public record AssessmentType(String id, String name, String description) {
    }

    /** Ashby's candidate. Personal data: never logged. */
    public record Candidate(String ashbyId, String firstName, String lastName, String email, String profileUrl) {
        @Override
        public String toString() {
            return "Candidate[…]";
        }
    }

    /** What a start created: atsbridge's assessment id (Ashby's assessment_id) and the AI vendor's interview. */
    public record Started(String assessmentId, String interviewId) {
    }

    private final PeerChannels peers;

    AshbyPartnerClient(PeerChannels peers) {
        this.peers = peers;
    }

    /** Whether the key is the connection's Ashby partner key (the adapter compares in constant time). */
    public boolean verifyKey(WebhookConnection connection, String key) {
        return call(connection, () -> stub().verifyAshbyPartnerKey(VerifyAshbyPartnerKeyRequest.newBuilder()
                .setConnectionId(connection.id()).setPartnerApiKey(key).build())).getValid();
    }

    /** The assessment types offered, in configuration order. */
    public List<AssessmentType> types(WebhookConnection connection) {
        return call(connection, () -> stub().listAshbyAssessmentTypes(ListAshbyAssessmentTypesRequest.newBuilder()
                .setConnectionId(connection.id()).build())).getAssessmentTypesList().stream()
                .map(t -> new AssessmentType(t.getAssessmentTypeId(), t.getName(), t.getDescription())).toList();
    }

    /** Starts the assessment (creates the AI interview). */
    public Started start(WebhookConnection connection, String typeId, Candidate c, String applicationId, String jobId,
                         String jobName) {
        AshbyCandidate candidate = AshbyCandidate.newBuilder().setAshbyId(c.ashbyId()).setFirstName(c.firstName())
                .setLastName(c.lastName()).setEmail(c.email()).setAshbyProfileUrl(c.profileUrl()).build();
        StartAshbyAssessmentResponse r = call(connection, () -> stub().startAshbyAssessment(StartAshbyAssessmentRequest
                .newBuilder().setConnectionId(connection.id()).setAssessmentTypeId(typeId).setCandidate(candidate)
                .setApplicationId(applicationId).setJobId(jobId).setJobName(jobName).build()));
        return new Started(r.getAssessmentId(), r.getInterviewId());
    }

    /** Records the cancellation; returns the assessment id. */
    public String cancel(WebhookConnection connection, String assessmentId) {
        return call(connection, () -> stub().cancelAshbyAssessment(CancelAshbyAssessmentRequest.newBuilder()
                .setConnectionId(connection.id()).setAssessmentId(assessmentId).build())).getAssessmentId();
    }

    private PartnerServiceGrpc.PartnerServiceBlockingStub stub() {
        return peers.stub("adapter", PartnerServiceGrpc::newBlockingStub);
    }

    private static <T> T call(WebhookConnection connection, Callable<T> work) {
        CallContext context = new CallContext(connection.tenantId(), GATEWAY, null, null);
        try {
            return context.call(work);
        } catch (StatusRuntimeException e) {
            String reason = GrpcErrors.errorInfo(e).map(info -> info.getReason()).orElse("PARTNER_REFUSED");
            String detail = e.getStatus().getDescription() == null ? "the adapter refused the request"
                    : e.getStatus().getDescription();
            throw switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> new WebhookRejection(422, reason, detail);
                case NOT_FOUND -> new WebhookRejection(reason.equals("ASSESSMENT_TYPE_NOT_FOUND") ? 422 : 404, reason, detail);
                case ALREADY_EXISTS, FAILED_PRECONDITION -> new WebhookRejection(409, reason, detail);
                default -> new WebhookRejection(503, "PARTNER_UNAVAILABLE", "the assessment service is unavailable ("
                        + e.getStatus().getCode() + "); retry later");
            };
        } catch (WebhookRejection e) {
            throw e;
        } catch (Exception e) {
            throw new WebhookRejection(503, "PARTNER_UNAVAILABLE", "the assessment service is unavailable; retry later");
        }
    }
}
