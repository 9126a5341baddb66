package io.atsbridge.adapter.grpc;

import io.atsbridge.adapter.connector.Connectors;
import io.atsbridge.adapter.domain.AshbyPartnerAssessments;
import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.adapter.domain.ConnectionKind;
import io.atsbridge.adapter.domain.PartnerAssessments;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.proto.adapter.v1.AshbyAssessmentType;
import io.atsbridge.proto.adapter.v1.AshbyCandidate;
import io.atsbridge.proto.adapter.v1.CancelAshbyAssessmentRequest;
import io.atsbridge.proto.adapter.v1.CancelAshbyAssessmentResponse;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusResponse;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsResponse;
import io.atsbridge.proto.adapter.v1.ListAshbyAssessmentTypesRequest;
import io.atsbridge.proto.adapter.v1.ListAshbyAssessmentTypesResponse;
import io.atsbridge.proto.adapter.v1.PartnerCandidate;
import io.atsbridge.proto.adapter.v1.PartnerServiceGrpc;
import io.atsbridge.proto.adapter.v1.PartnerTest;
import io.atsbridge.proto.adapter.v1.StartAshbyAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartAshbyAssessmentResponse;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentResponse;
import io.atsbridge.proto.adapter.v1.VerifyAshbyPartnerKeyRequest;
import io.atsbridge.proto.adapter.v1.VerifyAshbyPartnerKeyResponse;
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
import java.util.Optional;

/**
 * The assessment partner APIs on the adapter's side, always for the caller's tenant and the named connection:
 * Greenhouse's (key checks, tests, invitations through the AI vendor and assessment status) and Ashby's (key
 * checks, assessment types, assessment.start with Ashby's one-in-progress rule, and assessment.cancel).
 */
@Singleton
final class PartnerGrpcService extends PartnerServiceGrpc.PartnerServiceImplBase {

    /** Must equal PartnerCompletionStep.SOURCE: completions are routed by it. */
    static final String PARTNER_SOURCE = "greenhouse-assessment-partner";
    /** Must equal AshbyCompletionStep.SOURCE: completions are routed by it. */
    static final String ASHBY_SOURCE = "ashby-assessment-partner";
    static final int MAX_URL = 1000;
    static final int MAX_FIELD = 200;

    private final ConnectionDirectory directory;
    private final PartnerAssessments partners;
    private final AshbyPartnerAssessments ashby;
    private final Connectors connectors;
    private final java.util.Map<String, List<String>> completionHosts;

    PartnerGrpcService(ConnectionDirectory directory, PartnerAssessments partners, AshbyPartnerAssessments ashby,
                       Connectors connectors, List<io.atsbridge.adapter.config.ConnectionProperties> declared) {
        this.directory = directory;
        this.partners = partners;
        this.ashby = ashby;
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
        // Greenhouse refuses "complete" without partner_profile_url (it reports it through response_error): a result
        // stored without a link (before PartnerCompletionStep required one) stays "invited" until it has one.
        boolean complete = a.status() != PartnerAssessments.Status.INVITED && a.profileUrl() != null && !a.profileUrl().isBlank();
        GetPartnerAssessmentStatusResponse.Builder response = GetPartnerAssessmentStatusResponse.newBuilder()
                .setStatus(complete ? "complete" : "invited")
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

    // ---- Ashby's assessment partner API (developers.ashbyhq.com "Creating an Assessments Integration") ----

    @Override
    public void verifyAshbyPartnerKey(VerifyAshbyPartnerKeyRequest request,
                                      StreamObserver<VerifyAshbyPartnerKeyResponse> observer) {
        String tenant = CallContext.tenant();
        ashbyConnection(tenant, request.getConnectionId());
        boolean valid = ashby.verifyKey(tenant, request.getConnectionId(), request.getPartnerApiKey());
        observer.onNext(VerifyAshbyPartnerKeyResponse.newBuilder().setValid(valid).build());
        observer.onCompleted();
    }

    @Override
    public void listAshbyAssessmentTypes(ListAshbyAssessmentTypesRequest request,
                                         StreamObserver<ListAshbyAssessmentTypesResponse> observer) {
        String tenant = CallContext.tenant();
        Connection ai = ashbyConnection(tenant, request.getConnectionId());
        ListAshbyAssessmentTypesResponse.Builder response = ListAshbyAssessmentTypesResponse.newBuilder();
        for (AshbyPartnerAssessments.AssessmentType type : ashby.types(tenant, ai.id())) {
            String by = ai.displayName() == null || ai.displayName().isBlank() ? "" : " by " + ai.displayName();
            response.addAssessmentTypes(AshbyAssessmentType.newBuilder().setAssessmentTypeId(type.id()).setName(type.name())
                    .setDescription("AI interview" + by + ": " + type.name()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void startAshbyAssessment(StartAshbyAssessmentRequest request,
                                     StreamObserver<StartAshbyAssessmentResponse> observer) {
        String tenant = CallContext.tenant();
        Connection ai = ashbyConnection(tenant, request.getConnectionId());
        AshbyPartnerAssessments.AssessmentType type = ashby.types(tenant, ai.id()).stream()
                .filter(t -> t.id().equals(request.getAssessmentTypeId())).findFirst()
                .orElseThrow(() -> DomainException.notFound("ASSESSMENT_TYPE_NOT_FOUND", "connection %s offers no assessment "
                        + "type '%s'; call assessment.list for the offered ones", ai.id(), cut(request.getAssessmentTypeId())));
        String applicationId = request.getApplicationId().trim();
        if (applicationId.isEmpty() || applicationId.length() > MAX_FIELD) {
            throw DomainException.invalidArgument("APPLICATION_ID_INVALID", "application.ashby_id: required, at most %d "
                    + "characters", MAX_FIELD);
        }
        AshbyCandidate c = request.getCandidate();
        if (c.getEmail().isBlank() || c.getEmail().length() > MAX_FIELD) {
            throw DomainException.invalidArgument("CANDIDATE_EMAIL_INVALID", "candidate.email: required, at most %d characters",
                    MAX_FIELD);
        }
        Optional<AshbyPartnerAssessments.Assessment> running = ashby.inProgress(tenant, ai.id(), applicationId, type.id());
        if (running.isPresent()) {
            throw inProgress(running.get());
        }
        // The generation (ended assessments of this application and type) keys the vendor's idempotency: a start
        // retried after a failure finds the interview already created, a new assessment gets a new one.
        int generation = ashby.ended(tenant, ai.id(), applicationId, type.id());
        String key = sha256Hex(ai.id() + "\n" + applicationId + "\n" + type.id() + "\n" + generation);
        String jobName = request.getJobName().isBlank() ? type.name() : cut(request.getJobName());
        AiInterviewVendor.Invitation invitation;
        try {
            invitation = connectors.aiVendor(ai).createInterview(
                    new AiInterviewVendor.Candidate("ashby-partner-" + key.substring(0, 32), cut(c.getFirstName()),
                            cut(c.getLastName()), c.getEmail()),
                    new AiInterviewVendor.Job("ashby-job:" + (request.getJobId().isBlank() ? type.id() : cut(request.getJobId())),
                            jobName), type.id(),
                    Map.of("source", ASHBY_SOURCE, "assessment_type_id", type.id()), "ashby-partner-" + key);
        } catch (VendorCallException e) {
            if (e.retryable()) {
                throw DomainException.unavailable("AI_VENDOR_UNAVAILABLE", "the AI vendor could not create the interview "
                        + "(HTTP %d); retry later", e.status());
            }
            throw DomainException.failedPrecondition("AI_VENDOR_REFUSED", "the AI vendor refused the interview (HTTP %d): %s",
                    e.status(), cut(String.valueOf(e.getMessage())));
        }
        AshbyPartnerAssessments.Started started = ashby.recordStarted(tenant, ai.id(), type.id(), applicationId,
                invitation.interviewId());
        if (started.conflict()) {
            throw inProgress(started.assessment());
        }
        observer.onNext(StartAshbyAssessmentResponse.newBuilder().setAssessmentId(started.assessment().assessmentId())
                .setInterviewId(started.assessment().interviewId()).build());
        observer.onCompleted();
    }

    @Override
    public void cancelAshbyAssessment(CancelAshbyAssessmentRequest request,
                                      StreamObserver<CancelAshbyAssessmentResponse> observer) {
        String tenant = CallContext.tenant();
        Connection ai = ashbyConnection(tenant, request.getConnectionId());
        String assessmentId = request.getAssessmentId().trim();
        if (assessmentId.isEmpty() || assessmentId.length() > MAX_FIELD) {
            throw DomainException.invalidArgument("ASSESSMENT_ID_INVALID", "assessment_id: required, at most %d characters",
                    MAX_FIELD);
        }
        // Answers at once: the interview is cancelled at the AI vendor by the inbox worker, retried until it lands.
        AshbyPartnerAssessments.Assessment a = ashby.cancel(ai, assessmentId);
        observer.onNext(CancelAshbyAssessmentResponse.newBuilder().setAssessmentId(a.assessmentId())
                .setAlreadyReported(a.status() == AshbyPartnerAssessments.Status.NOTIFIED).build());
        observer.onCompleted();
    }

    private static DomainException inProgress(AshbyPartnerAssessments.Assessment running) {
        return DomainException.alreadyExists("ASSESSMENT_IN_PROGRESS", "the candidate is already being assessed for this "
                + "application and assessment type (assessment %s); cancel it first or wait for its result",
                running.assessmentId());
    }

    /** The tenant's enabled AI_VENDOR connection that offers Ashby's partner API. */
    private Connection ashbyConnection(String tenant, String connectionId) {
        Connection connection = directory.find(tenant, connectionId)
                .filter(c -> c.kind() == ConnectionKind.AI_VENDOR && ashby.isPartner(tenant, c.id()))
                .orElseThrow(() -> DomainException.notFound("ASHBY_PARTNER_CONNECTION_NOT_FOUND",
                        "no Ashby assessment partner connection '%s' in this tenant", cut(connectionId)));
        if (!connection.enabled()) {
            throw DomainException.failedPrecondition("CONNECTION_DISABLED", "connection %s is switched off", connectionId);
        }
        return connection;
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
