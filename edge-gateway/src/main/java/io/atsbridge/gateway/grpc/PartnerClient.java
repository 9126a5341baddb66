package io.atsbridge.gateway.grpc;

import io.atsbridge.connectors.partner.AssessmentPartnerProtocol.OfferedTest;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol.Order;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol.OrderedCandidate;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.proto.adapter.v1.CancelPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusResponse;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsRequest;
import io.atsbridge.proto.adapter.v1.PartnerCandidate;
import io.atsbridge.proto.adapter.v1.PartnerServiceGrpc;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentResponse;
import io.atsbridge.proto.adapter.v1.VerifyPartnerKeyRequest;
import io.atsbridge.proto.common.v1.Vendor;
import io.grpc.StatusRuntimeException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The gateway's calls to the adapter's PartnerService, one API for every ATS that orders AI interviews from atsbridge
 * (the ATS goes as the request's vendor), for the tenant that owns the connection named in the URL (found with
 * LookupWebhookConnection). Failures become {@link WebhookRejection}s with the HTTP status the ATS's published API
 * gives them ({@link Refusals}); an unavailable adapter is a 503 to every ATS.
 */
@Singleton
public final class PartnerClient {

    private static final Caller GATEWAY = new Caller("edge-gateway", CallerKind.SERVICE, Set.of("service"), Set.of(Caller.ANY_TENANT));

    /**
     * The ATS a controller answers for, and how its published API answers the adapter's refusals: INVALID_ARGUMENT with
     * {@code invalidStatus} (Greenhouse 400; Ashby 422, which it shows its user), NOT_FOUND with 404 unless its reason is
     * one of {@code shownReasons} (then {@code invalidStatus}, for the same reason), ALREADY_EXISTS and
     * FAILED_PRECONDITION with 409, anything else with 503.
     */
    public record Refusals(Vendor vendor, int invalidStatus, Set<String> shownReasons) {
        public Refusals {
            Objects.requireNonNull(vendor, "vendor");
            shownReasons = Set.copyOf(shownReasons);
        }
    }

    /** What an order created: the id the ATS knows the assessment by, and the AI vendor's interview. */
    public record Started(String assessmentId, String interviewId) {
    }

    /** An assessment's status; score null until complete, profileUrl empty when unknown. */
    public record Status(String status, @Nullable Double score, String profileUrl, Map<String, String> metadata) {
    }

    private final PeerChannels peers;

    PartnerClient(PeerChannels peers) {
        this.peers = peers;
    }

    /** Whether the key is the connection's partner key for the ATS (the adapter compares in constant time). */
    public boolean verifyKey(WebhookConnection connection, Refusals ats, String key) {
        return call(connection, ats, () -> stub().verifyPartnerKey(VerifyPartnerKeyRequest.newBuilder()
                .setConnectionId(connection.id()).setVendor(ats.vendor()).setPartnerApiKey(key).build())).getValid();
    }

    /** The tests offered to the ATS, in configuration order. */
    public List<OfferedTest> tests(WebhookConnection connection, Refusals ats) {
        return call(connection, ats, () -> stub().getPartnerTests(GetPartnerTestsRequest.newBuilder()
                .setConnectionId(connection.id()).setVendor(ats.vendor()).build())).getTestsList().stream()
                .map(t -> new OfferedTest(t.getPartnerTestId(), t.getPartnerTestName(), t.getDescription())).toList();
    }

    /**
     * Creates (or finds, on a retried order) the interview.
     *
     * @param requestId the adapter's idempotency key for this call; empty for none
     */
    public Started start(WebhookConnection connection, Refusals ats, Order order, String requestId) {
        OrderedCandidate c = order.candidate();
        PartnerCandidate.Builder candidate = PartnerCandidate.newBuilder()
                .setFirstName(c.firstName()).setLastName(c.lastName()).setPreferredName(c.preferredName())
                .setEmail(c.email()).setPhoneNumber(c.phoneNumber()).setResumeUrl(c.resumeUrl())
                .setAtsCandidateId(c.atsCandidateId());
        if (ats.vendor() == Vendor.VENDOR_GREENHOUSE) {
            // The released field for Greenhouse's candidate page; other ATSs' pages have their own.
            candidate.setGreenhouseProfileUrl(c.profileUrl());
        } else {
            candidate.setAtsProfileUrl(c.profileUrl());
        }
        StartPartnerAssessmentResponse r = call(connection, ats, () -> stub().startPartnerAssessment(
                StartPartnerAssessmentRequest.newBuilder().setConnectionId(connection.id()).setVendor(ats.vendor())
                        .setPartnerTestId(order.testId()).setCandidate(candidate).setCompletionUrl(order.completionUrl())
                        .setSentBy(order.sentBy()).setRequestId(requestId).setApplicationId(order.applicationId())
                        .setJobId(order.jobId()).setJobName(order.jobName()).build()));
        return new Started(r.getAssessmentId(), r.getPartnerInterviewId());
    }

    /** The assessment's status in the ATS's words. */
    public Status status(WebhookConnection connection, Refusals ats, String assessmentId) {
        GetPartnerAssessmentStatusResponse r = call(connection, ats, () -> stub().getPartnerAssessmentStatus(
                GetPartnerAssessmentStatusRequest.newBuilder().setConnectionId(connection.id()).setVendor(ats.vendor())
                        .setPartnerInterviewId(assessmentId).build()));
        return new Status(r.getStatus(), r.getHasScore() ? r.getScore() : null, r.getProfileUrl(), r.getMetadataMap());
    }

    /** Records the ATS's cancellation; returns the assessment id. */
    public String cancel(WebhookConnection connection, Refusals ats, String assessmentId) {
        return call(connection, ats, () -> stub().cancelPartnerAssessment(CancelPartnerAssessmentRequest.newBuilder()
                .setConnectionId(connection.id()).setVendor(ats.vendor()).setAssessmentId(assessmentId).build()))
                .getAssessmentId();
    }

    private PartnerServiceGrpc.PartnerServiceBlockingStub stub() {
        return peers.stub("adapter", PartnerServiceGrpc::newBlockingStub);
    }

    private static <T> T call(WebhookConnection connection, Refusals ats, Callable<T> work) {
        CallContext context = new CallContext(connection.tenantId(), GATEWAY, null, null);
        try {
            return context.call(work);
        } catch (StatusRuntimeException e) {
            String reason = GrpcErrors.errorInfo(e).map(info -> info.getReason()).orElse("PARTNER_REFUSED");
            String detail = e.getStatus().getDescription() == null ? "the adapter refused the request"
                    : e.getStatus().getDescription();
            throw switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> new WebhookRejection(ats.invalidStatus(), reason, detail);
                case NOT_FOUND -> new WebhookRejection(ats.shownReasons().contains(reason) ? ats.invalidStatus() : 404, reason,
                        detail);
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
