package io.atsbridge.adapter.grpc;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.adapter.engine.domain.PartnerAssessment;
import io.atsbridge.adapter.engine.domain.PartnerCompletionHosts;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.Vendors;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol;
import io.atsbridge.connectors.partner.AssessmentState;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.proto.adapter.v1.AshbyAssessmentType;
import io.atsbridge.proto.adapter.v1.CancelAshbyAssessmentRequest;
import io.atsbridge.proto.adapter.v1.CancelAshbyAssessmentResponse;
import io.atsbridge.proto.adapter.v1.CancelPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.CancelPartnerAssessmentResponse;
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
import java.util.Objects;
import java.util.Optional;

/**
 * The assessment partner API on the adapter's side, one implementation for every ATS that orders AI interviews from
 * atsbridge (the request's vendor; Greenhouse when unset, as the released API was Greenhouse's only), always for the
 * caller's tenant and the named connection: key checks, the tests offered, orders through the AI vendor, status and
 * cancellation. Where ATSs differ, their registered {@link AssessmentPartnerProtocol} says how. The deprecated Ashby
 * RPCs translate their messages and are served by the same methods.
 */
@Singleton
final class PartnerGrpcService extends PartnerServiceGrpc.PartnerServiceImplBase {

    static final int MAX_URL = 1000;
    static final int MAX_FIELD = 200;

    private final ConnectionDirectory directory;
    private final AssessmentPartners partners;
    private final Connectors connectors;
    private final PartnerCompletionHosts completionHosts;

    PartnerGrpcService(ConnectionDirectory directory, AssessmentPartners partners, Connectors connectors,
                       PartnerCompletionHosts completionHosts) {
        this.directory = directory;
        this.partners = partners;
        this.connectors = connectors;
        this.completionHosts = completionHosts;
    }

    @Override
    public void verifyPartnerKey(VerifyPartnerKeyRequest request, StreamObserver<VerifyPartnerKeyResponse> observer) {
        observer.onNext(VerifyPartnerKeyResponse.newBuilder()
                .setValid(verifyKey(protocol(request.getVendor()), request.getConnectionId(), request.getPartnerApiKey()))
                .build());
        observer.onCompleted();
    }

    @Override
    public void getPartnerTests(GetPartnerTestsRequest request, StreamObserver<GetPartnerTestsResponse> observer) {
        Vendor protocol = protocol(request.getVendor());
        String tenant = CallContext.tenant();
        Connection ai = partnerConnection(tenant, request.getConnectionId(), protocol);
        GetPartnerTestsResponse.Builder response = GetPartnerTestsResponse.newBuilder();
        for (AssessmentPartners.Test test : partners.tests(tenant, ai.id(), protocol)) {
            response.addTests(PartnerTest.newBuilder().setPartnerTestId(test.id()).setPartnerTestName(test.name())
                    .setDescription(description(ai, test)));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void startPartnerAssessment(StartPartnerAssessmentRequest request,
                                       StreamObserver<StartPartnerAssessmentResponse> observer) {
        PartnerAssessment started = start(protocol(request.getVendor()), request);
        observer.onNext(StartPartnerAssessmentResponse.newBuilder().setPartnerInterviewId(started.interviewId())
                .setAssessmentId(started.assessmentId()).build());
        observer.onCompleted();
    }

    @Override
    public void getPartnerAssessmentStatus(GetPartnerAssessmentStatusRequest request,
                                           StreamObserver<GetPartnerAssessmentStatusResponse> observer) {
        Vendor protocol = protocol(request.getVendor());
        String tenant = CallContext.tenant();
        Connection ai = partnerConnection(tenant, request.getConnectionId(), protocol);
        PartnerAssessment a = partners.find(tenant, ai.id(), protocol, request.getPartnerInterviewId())
                .orElseThrow(() -> DomainException.notFound("PARTNER_INTERVIEW_NOT_FOUND", "connection %s has no interview '%s'",
                        ai.id(), cut(request.getPartnerInterviewId())));
        GetPartnerAssessmentStatusResponse.Builder response = GetPartnerAssessmentStatusResponse.newBuilder()
                .setStatus(spi(protocol).status(AssessmentState.valueOf(a.status().name()), a.profileUrl()))
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

    @Override
    public void cancelPartnerAssessment(CancelPartnerAssessmentRequest request,
                                        StreamObserver<CancelPartnerAssessmentResponse> observer) {
        PartnerAssessment a = cancel(protocol(request.getVendor()), request.getConnectionId(), request.getAssessmentId());
        observer.onNext(CancelPartnerAssessmentResponse.newBuilder().setAssessmentId(a.assessmentId())
                .setAlreadyReported(a.status() == PartnerAssessment.Status.NOTIFIED).build());
        observer.onCompleted();
    }

    // ---- the deprecated Ashby RPCs: the same implementation, Ashby's messages ----

    @Override
    public void verifyAshbyPartnerKey(VerifyAshbyPartnerKeyRequest request,
                                      StreamObserver<VerifyAshbyPartnerKeyResponse> observer) {
        observer.onNext(VerifyAshbyPartnerKeyResponse.newBuilder()
                .setValid(verifyKey(Vendor.ASHBY, request.getConnectionId(), request.getPartnerApiKey())).build());
        observer.onCompleted();
    }

    @Override
    public void listAshbyAssessmentTypes(ListAshbyAssessmentTypesRequest request,
                                         StreamObserver<ListAshbyAssessmentTypesResponse> observer) {
        String tenant = CallContext.tenant();
        Connection ai = partnerConnection(tenant, request.getConnectionId(), Vendor.ASHBY);
        ListAshbyAssessmentTypesResponse.Builder response = ListAshbyAssessmentTypesResponse.newBuilder();
        for (AssessmentPartners.Test type : partners.tests(tenant, ai.id(), Vendor.ASHBY)) {
            response.addAssessmentTypes(AshbyAssessmentType.newBuilder().setAssessmentTypeId(type.id()).setName(type.name())
                    .setDescription(description(ai, type)));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void startAshbyAssessment(StartAshbyAssessmentRequest request,
                                     StreamObserver<StartAshbyAssessmentResponse> observer) {
        PartnerCandidate candidate = PartnerCandidate.newBuilder().setFirstName(request.getCandidate().getFirstName())
                .setLastName(request.getCandidate().getLastName()).setEmail(request.getCandidate().getEmail())
                .setAtsCandidateId(request.getCandidate().getAshbyId())
                .setAtsProfileUrl(request.getCandidate().getAshbyProfileUrl()).build();
        PartnerAssessment started = start(Vendor.ASHBY, StartPartnerAssessmentRequest.newBuilder()
                .setConnectionId(request.getConnectionId()).setPartnerTestId(request.getAssessmentTypeId())
                .setCandidate(candidate).setApplicationId(request.getApplicationId()).setJobId(request.getJobId())
                .setJobName(request.getJobName()).build());
        observer.onNext(StartAshbyAssessmentResponse.newBuilder().setAssessmentId(started.assessmentId())
                .setInterviewId(started.interviewId()).build());
        observer.onCompleted();
    }

    @Override
    public void cancelAshbyAssessment(CancelAshbyAssessmentRequest request,
                                      StreamObserver<CancelAshbyAssessmentResponse> observer) {
        PartnerAssessment a = cancel(Vendor.ASHBY, request.getConnectionId(), request.getAssessmentId());
        observer.onNext(CancelAshbyAssessmentResponse.newBuilder().setAssessmentId(a.assessmentId())
                .setAlreadyReported(a.status() == PartnerAssessment.Status.NOTIFIED).build());
        observer.onCompleted();
    }

    // ---- the implementation ----

    private boolean verifyKey(Vendor protocol, String connectionId, String presented) {
        String tenant = CallContext.tenant();
        partnerConnection(tenant, connectionId, protocol);
        return partners.verifyKey(tenant, connectionId, protocol, presented);
    }

    /**
     * Creates the interview at the AI vendor and records the assessment. An ATS whose orders name their completion URL
     * (Greenhouse) gets the same interview for the same URL; one whose orders name an application (Ashby) has one
     * assessment in progress per application and test, and a new interview after an ended one.
     */
    private PartnerAssessment start(Vendor protocol, StartPartnerAssessmentRequest request) {
        String tenant = CallContext.tenant();
        AssessmentPartnerProtocol spi = spi(protocol);
        Connection ai = partnerConnection(tenant, request.getConnectionId(), protocol);
        AssessmentPartners.Test test = partners.tests(tenant, ai.id(), protocol).stream()
                .filter(t -> t.id().equals(request.getPartnerTestId())).findFirst()
                .orElseThrow(() -> {
                    AssessmentPartnerProtocol.TestNotFound notFound = spi.testNotFound(ai.id(), cut(request.getPartnerTestId()));
                    return DomainException.notFound(notFound.reason(), "%s", notFound.message());
                });
        PartnerCandidate c = request.getCandidate();
        String completionUrl = null;
        String applicationId = null;
        if (spi.completionUrlPerOrder()) {
            completionUrl = checkCompletionUrl(request.getCompletionUrl(), completionHosts.of(ai.id()));
        } else {
            applicationId = request.getApplicationId().trim();
            if (applicationId.isEmpty() || applicationId.length() > MAX_FIELD) {
                throw DomainException.invalidArgument("APPLICATION_ID_INVALID", "application.ashby_id: required, at most %d "
                        + "characters", MAX_FIELD);
            }
        }
        if (c.getEmail().isBlank() || c.getEmail().length() > MAX_FIELD) {
            throw DomainException.invalidArgument("CANDIDATE_EMAIL_INVALID", "candidate.email: required, at most %d characters",
                    MAX_FIELD);
        }
        String first = c.getPreferredName().isBlank() ? c.getFirstName() : c.getPreferredName();
        String order;
        if (completionUrl != null) {
            // The completion URL names the ATS's take-home test: the same order always yields the same interview.
            order = completionUrl;
        } else {
            String application = Objects.requireNonNull(applicationId,
                    "an order without a completion URL names its application, checked above");
            Optional<PartnerAssessment> running = partners.inProgress(tenant, ai.id(), protocol, application, test.id());
            if (running.isPresent()) {
                throw inProgress(running.get());
            }
            // The generation (ended assessments of this application and test) keys the vendor's idempotency: an order
            // retried after a failure finds the interview already created, a new assessment gets a new one.
            int generation = partners.ended(tenant, ai.id(), protocol, application, test.id());
            order = application + "\n" + test.id() + "\n" + generation;
        }
        AssessmentPartnerProtocol.InterviewRequest interview = spi.interviewRequest(sha256Hex(ai.id() + "\n" + order),
                test.id(), test.name(), cut(request.getJobId()), cut(request.getJobName()));
        Map<String, String> metadata = Map.of("source", AssessmentPartners.interviewSource(protocol),
                interview.testMetadataKey(), test.id());
        AiInterviewVendor.Invitation invitation;
        try {
            invitation = connectors.aiVendor(ai).createInterview(
                    new AiInterviewVendor.Candidate(interview.candidateRef(), cut(first), cut(c.getLastName()), c.getEmail()),
                    interview.job(), test.id(), metadata, interview.idempotencyKey());
        } catch (VendorCallException e) {
            if (e.retryable()) {
                throw DomainException.unavailable("AI_VENDOR_UNAVAILABLE", "the AI vendor could not create the interview "
                        + "(HTTP %d); retry later", e.status());
            }
            throw DomainException.failedPrecondition("AI_VENDOR_REFUSED", "the AI vendor refused the interview (HTTP %d): %s",
                    e.status(), cut(String.valueOf(e.getMessage())));
        }
        // An order naming its completion URL is known to the ATS by the interview id (Greenhouse's partner_interview_id).
        AssessmentPartners.Started started = partners.record(tenant, ai.id(), protocol,
                completionUrl != null ? invitation.interviewId() : null, test.id(), applicationId, invitation.interviewId(),
                completionUrl);
        if (started.conflict()) {
            throw inProgress(started.assessment());
        }
        return started.assessment();
    }

    private PartnerAssessment cancel(Vendor protocol, String connectionId, String requestedId) {
        String tenant = CallContext.tenant();
        Connection ai = partnerConnection(tenant, connectionId, protocol);
        String assessmentId = requestedId.trim();
        if (assessmentId.isEmpty() || assessmentId.length() > MAX_FIELD) {
            throw DomainException.invalidArgument("ASSESSMENT_ID_INVALID", "assessment_id: required, at most %d characters",
                    MAX_FIELD);
        }
        // Answers at once: the interview is cancelled at the AI vendor by the inbox worker, retried until it lands.
        return partners.cancel(ai, protocol, assessmentId);
    }

    private static DomainException inProgress(PartnerAssessment running) {
        return DomainException.alreadyExists("ASSESSMENT_IN_PROGRESS", "the candidate is already being assessed for this "
                + "application and assessment type (assessment %s); cancel it first or wait for its result",
                running.assessmentId());
    }

    private static String description(Connection ai, AssessmentPartners.Test test) {
        String by = ai.displayName() == null || ai.displayName().isBlank() ? "" : " by " + ai.displayName();
        return "AI interview" + by + ": " + test.name();
    }

    /** The ATS of a request: Greenhouse when unset, as the released API served Greenhouse only. */
    private static Vendor protocol(io.atsbridge.proto.common.v1.Vendor vendor) {
        if (vendor == io.atsbridge.proto.common.v1.Vendor.VENDOR_UNSPECIFIED) {
            return Vendor.GREENHOUSE;
        }
        String name = vendor.name().substring("VENDOR_".length());
        return Vendor.parse(name).filter(v -> Vendors.assessmentPartner(v.name()).isPresent())
                .orElseThrow(() -> DomainException.invalidArgument("VENDOR_NOT_ASSESSMENT_PARTNER", "vendor: %s orders no "
                        + "assessments from atsbridge (expected one of %s)", vendor, Vendors.withAssessmentPartners()));
    }

    private static AssessmentPartnerProtocol spi(Vendor protocol) {
        return Vendors.assessmentPartner(protocol.name()).orElseThrow();
    }

    /** The tenant's enabled AI_VENDOR connection that offers the ATS's partner API. */
    private Connection partnerConnection(String tenant, String connectionId, Vendor protocol) {
        Connection connection = directory.find(tenant, connectionId)
                .filter(c -> c.kind() == ConnectionKind.AI_VENDOR && partners.isPartner(tenant, c.id(), protocol))
                .orElseThrow(() -> DomainException.notFound(AssessmentPartners.notFoundReason(protocol),
                        "no %s assessment partner connection '%s' in this tenant", spi(protocol).displayName(),
                        cut(connectionId)));
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
