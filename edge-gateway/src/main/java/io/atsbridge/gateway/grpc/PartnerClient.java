package io.atsbridge.gateway.grpc;

import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusResponse;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsRequest;
import io.atsbridge.proto.adapter.v1.PartnerCandidate;
import io.atsbridge.proto.adapter.v1.PartnerServiceGrpc;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.VerifyPartnerKeyRequest;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The gateway's calls to the adapter's PartnerService, for the tenant that owns the connection named
 * in the URL (found with LookupWebhookConnection). Failures become {@link WebhookRejection}s.
 */
@Singleton
public final class PartnerClient {

    private static final Caller GATEWAY = new Caller("edge-gateway", CallerKind.SERVICE, Set.of("service"), Set.of(Caller.ANY_TENANT));

    /** One test offered. */
    public record Test(String id, String name) {
    }

    /** Greenhouse's candidate. Personal data: never logged. */
    public record Candidate(String firstName, String lastName, String preferredName, String email, String phoneNumber,
                            String resumeUrl, String greenhouseProfileUrl) {
        @Override
        public String toString() {
            return "Candidate[…]";
        }
    }

    /** An assessment's status; score null until complete, profileUrl empty when unknown. */
    public record Status(String status, Double score, String profileUrl, Map<String, String> metadata) {
    }

    private final PeerChannels peers;

    PartnerClient(PeerChannels peers) {
        this.peers = peers;
    }

    /** Whether the key is the connection's partner key (the adapter compares in constant time). */
    public boolean verifyKey(WebhookConnection connection, String key) {
        return call(connection, () -> stub().verifyPartnerKey(VerifyPartnerKeyRequest.newBuilder()
                .setConnectionId(connection.id()).setPartnerApiKey(key).build())).getValid();
    }

    public List<Test> tests(WebhookConnection connection) {
        return call(connection, () -> stub().getPartnerTests(GetPartnerTestsRequest.newBuilder()
                .setConnectionId(connection.id()).build())).getTestsList().stream()
                .map(t -> new Test(t.getPartnerTestId(), t.getPartnerTestName())).toList();
    }

    /** Creates (or finds, on a retried send_test) the interview; returns its id. */
    public String start(WebhookConnection connection, String testId, Candidate c, String completionUrl, String sentBy,
                        String requestId) {
        PartnerCandidate candidate = PartnerCandidate.newBuilder()
                .setFirstName(c.firstName()).setLastName(c.lastName()).setPreferredName(c.preferredName())
                .setEmail(c.email()).setPhoneNumber(c.phoneNumber()).setResumeUrl(c.resumeUrl())
                .setGreenhouseProfileUrl(c.greenhouseProfileUrl()).build();
        return call(connection, () -> stub().startPartnerAssessment(StartPartnerAssessmentRequest.newBuilder()
                .setConnectionId(connection.id()).setPartnerTestId(testId).setCandidate(candidate)
                .setCompletionUrl(completionUrl).setSentBy(sentBy).setRequestId(requestId).build())).getPartnerInterviewId();
    }

    public Status status(WebhookConnection connection, String interviewId) {
        GetPartnerAssessmentStatusResponse r = call(connection, () -> stub().getPartnerAssessmentStatus(
                GetPartnerAssessmentStatusRequest.newBuilder().setConnectionId(connection.id())
                        .setPartnerInterviewId(interviewId).build()));
        return new Status(r.getStatus(), r.getHasScore() ? r.getScore() : null, r.getProfileUrl(), r.getMetadataMap());
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
                case INVALID_ARGUMENT -> new WebhookRejection(400, reason, detail);
                case NOT_FOUND -> new WebhookRejection(404, reason, detail);
                case FAILED_PRECONDITION -> new WebhookRejection(409, reason, detail);
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
