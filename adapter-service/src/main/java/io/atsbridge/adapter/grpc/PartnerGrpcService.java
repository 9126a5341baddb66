package io.atsbridge.adapter.grpc;

import io.atsbridge.adapter.connector.AiInterviewVendor;
import io.atsbridge.adapter.connector.Connectors;
import io.atsbridge.adapter.connector.VendorCallException;
import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.adapter.domain.ConnectionKind;
import io.atsbridge.adapter.domain.PartnerAssessments;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusResponse;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsResponse;
import io.atsbridge.proto.adapter.v1.PartnerCandidate;
import io.atsbridge.proto.adapter.v1.PartnerServiceGrpc;
import io.atsbridge.proto.adapter.v1.PartnerTest;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentResponse;
import io.atsbridge.proto.adapter.v1.VerifyPartnerKeyRequest;
import io.atsbridge.proto.adapter.v1.VerifyPartnerKeyResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Greenhouse Assessment Partner API on the adapter's side: key checks, tests, invitations through
 * the AI vendor and assessment status, always for the caller's tenant and the named connection.
 */
@Singleton
final class PartnerGrpcService extends PartnerServiceGrpc.PartnerServiceImplBase {

    /** Must equal PartnerCompletionStep.SOURCE: completions are routed by it. */
    static final String PARTNER_SOURCE = "greenhouse-assessment-partner";
    static final int MAX_URL = 1000;
    static final int MAX_FIELD = 200;

    private final ConnectionDirectory directory;
    private final PartnerAssessments partners;
    private final Connectors connectors;
    private final java.util.Map<String, List<String>> completionHosts;

    PartnerGrpcService(ConnectionDirectory directory, PartnerAssessments partners, Connectors connectors,
                       List<io.atsbridge.adapter.config.ConnectionProperties> declared) {
        this.directory = directory;
        this.partners = partners;
        this.connectors = connectors;
        this.completionHosts = declared.stream().collect(java.util.stream.Collectors.toMap(
                io.atsbridge.adapter.config.ConnectionProperties::getId,
                p -> p.getPartnerCompletionHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList()));
    }

    @Override
    public void verifyPartnerKey(VerifyPartnerKeyRequest request, StreamObserver<VerifyPartnerKeyResponse> observer) {
        String tenant = CallContext.tenant();
        partnerConnection(tenant, request.getConnectionId());
        boolean valid = partners.verifyKey(tenant, request.getConnectionId(), request.getPartnerApiKey());
        observer.onNext(VerifyPartnerKeyResponse.newBuilder().setValid(valid).build());
        observer.onCompleted();
    }

    @Override
    public void getPartnerTests(GetPartnerTestsRequest request, StreamObserver<GetPartnerTestsResponse> observer) {
        String tenant = CallContext.tenant();
        partnerConnection(tenant, request.getConnectionId());
        GetPartnerTestsResponse.Builder response = GetPartnerTestsResponse.newBuilder();
        for (PartnerAssessments.Test test : partners.tests(tenant, request.getConnectionId())) {
            response.addTests(PartnerTest.newBuilder().setPartnerTestId(test.id()).setPartnerTestName(test.name()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void startPartnerAssessment(StartPartnerAssessmentRequest request,
                                       StreamObserver<StartPartnerAssessmentResponse> observer) {
        String tenant = CallContext.tenant();
        Connection ai = partnerConnection(tenant, request.getConnectionId());
        PartnerAssessments.Test test = partners.tests(tenant, ai.id()).stream()
                .filter(t -> t.id().equals(request.getPartnerTestId())).findFirst()
                .orElseThrow(() -> DomainException.notFound("PARTNER_TEST_NOT_FOUND", "connection %s offers no test '%s'",
                        ai.id(), cut(request.getPartnerTestId())));
        String completionUrl = checkCompletionUrl(request.getCompletionUrl(),
                completionHosts.getOrDefault(ai.id(), List.of()));
        PartnerCandidate c = request.getCandidate();
        if (c.getEmail().isBlank() || c.getEmail().length() > MAX_FIELD) {
            throw DomainException.invalidArgument("CANDIDATE_EMAIL_INVALID", "candidate.email: required, at most %d characters",
                    MAX_FIELD);
        }
        String first = c.getPreferredName().isBlank() ? c.getFirstName() : c.getPreferredName();
        // Greenhouse's completion URL names its take-home test: the same send_test always yields the same interview.
        String idempotencyKey = "gh-partner-" + sha256Hex(ai.id() + "\n" + completionUrl);
        String candidateRef = "gh-partner-" + sha256Hex(ai.id() + "\n" + completionUrl).substring(0, 32);
        AiInterviewVendor.Invitation invitation;
        try {
            invitation = connectors.aiVendor(ai).createInterview(
                    new AiInterviewVendor.Candidate(candidateRef, cut(first), cut(c.getLastName()), c.getEmail()),
                    new AiInterviewVendor.Job("partner-test:" + test.id(), test.name()), test.id(),
                    Map.of("source", PARTNER_SOURCE, "partner_test_id", test.id()), idempotencyKey);
        } catch (VendorCallException e) {
            if (e.retryable()) {
                throw DomainException.unavailable("AI_VENDOR_UNAVAILABLE", "the AI vendor could not create the interview "
                        + "(HTTP %d); retry later", e.status());
            }
            throw DomainException.failedPrecondition("AI_VENDOR_REFUSED", "the AI vendor refused the interview (HTTP %d): %s",
                    e.status(), cut(String.valueOf(e.getMessage())));
        }
        PartnerAssessments.Assessment assessment = partners.recordInvited(tenant, ai.id(), invitation.interviewId(), test.id(),
                completionUrl);
        observer.onNext(StartPartnerAssessmentResponse.newBuilder().setPartnerInterviewId(assessment.interviewId()).build());
        observer.onCompleted();
    }

    @Override
    public void getPartnerAssessmentStatus(GetPartnerAssessmentStatusRequest request,
                                           StreamObserver<GetPartnerAssessmentStatusResponse> observer) {
        String tenant = CallContext.tenant();
        Connection ai = partnerConnection(tenant, request.getConnectionId());
        PartnerAssessments.Assessment a = partners.find(tenant, ai.id(), request.getPartnerInterviewId())
                .orElseThrow(() -> DomainException.notFound("PARTNER_INTERVIEW_NOT_FOUND", "connection %s has no interview '%s'",
                        ai.id(), cut(request.getPartnerInterviewId())));
        GetPartnerAssessmentStatusResponse.Builder response = GetPartnerAssessmentStatusResponse.newBuilder()
                .setStatus(a.status() == PartnerAssessments.Status.INVITED ? "invited" : "complete")
                .putAllMetadata(a.metadata());
        if (a.score() != null) {
            response.setHasScore(true).setScore(a.score());
        }
        if (a.profileUrl() != null) {
            response.setProfileUrl(a.profileUrl());
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    /** The tenant's enabled AI_VENDOR connection that offers the partner API. */
    private Connection partnerConnection(String tenant, String connectionId) {
        Connection connection = directory.find(tenant, connectionId)
                .filter(c -> c.kind() == ConnectionKind.AI_VENDOR && partners.isPartner(tenant, c.id()))
                .orElseThrow(() -> DomainException.notFound("PARTNER_CONNECTION_NOT_FOUND",
                        "no assessment partner connection '%s' in this tenant", cut(connectionId)));
        if (!connection.enabled()) {
            throw DomainException.failedPrecondition("CONNECTION_DISABLED", "connection %s is switched off", connectionId);
        }
        return connection;
    }

    /**
     * The completion URL, if it is one atsbridge may PATCH with the partner key: https (plain http only
     * to a loopback host, for local set-ups), no user info, and a host the connection allows.
     */
    static String checkCompletionUrl(String value, List<String> allowedHosts) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
            if ((scheme.equals("https") || (scheme.equals("http") && loopback)) && !host.isEmpty()
                    && uri.getRawUserInfo() == null && value.length() <= MAX_URL) {
                if (!allowedHosts.contains(host)) {
                    throw DomainException.invalidArgument("COMPLETION_URL_HOST_NOT_ALLOWED", "url: host %s is not one this "
                            + "connection may call back (allowed: %s); set partner-completion-hosts on the AI connection",
                            host, allowedHosts);
                }
                return value;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw DomainException.invalidArgument("COMPLETION_URL_INVALID", "url: an absolute https URL of at most %d characters "
                + "without user info is required (http only to a loopback host)", MAX_URL);
    }

    private static String cut(String value) {
        return value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD) : value;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
