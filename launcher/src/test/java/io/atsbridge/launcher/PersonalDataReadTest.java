package io.atsbridge.launcher;

import com.google.rpc.ErrorInfo;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.ListConsentsRequest;
import io.atsbridge.proto.identity.v1.CandidateProfile;
import io.atsbridge.proto.identity.v1.GetCandidateRequest;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads of personal data on the running platform (every service in one process): what each role gets, and the record
 * of every read in the tenant's audit log, written by identity-service and consent-service through audit-service's
 * API and by audit-service in place; with audit-service gone, reads are refused rather than answered unrecorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersonalDataReadTest {

    private static final String TENANT = "acme";
    private static final String OPERATOR = "pd-operator-token-0123456789";
    private static final String COMPLIANCE = "pd-compliance-token-0123456789";
    private static final String AUDITOR = "pd-auditor-token-0123456789";

    private EmbeddedPlatform platform;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private String candidateId;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> tokens = new HashMap<>();
        token(tokens, "ops-console", OPERATOR, "operator");
        token(tokens, "compliance-officer", COMPLIANCE, "compliance");
        token(tokens, "external-auditor", AUDITOR, "auditor");
        platform = EmbeddedPlatform.start(new LaunchOptions(Files.createTempDirectory("atsbridge-reads"), Map.of(),
                Map.of(LaunchOptions.ALL_SERVICES, tokens), true));
        candidateId = identity(platform.serviceToken()).resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ExternalRef.newBuilder().setConnectionId("greenhouse-main").setVendor(Vendor.VENDOR_GREENHOUSE)
                        .setKind(ExternalKind.EXTERNAL_KIND_CANDIDATE).setId("4711"))
                .setProfile(CandidateProfile.newBuilder().setGivenName("Grace").setFamilyName("Hopper")
                        .setEmail("grace.hopper@example.com").addJurisdictions("US-NY-NYC"))
                .build()).getCandidate().getId();
    }

    @AfterAll
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (platform != null) {
            platform.close();
        }
    }

    private static void token(Map<String, String> tokens, String caller, String secret, String roles) {
        tokens.put("atsbridge.auth.tokens." + caller + ".secret", secret);
        tokens.put("atsbridge.auth.tokens." + caller + ".tenants", TENANT);
        tokens.put("atsbridge.auth.tokens." + caller + ".roles", roles);
    }

    private ManagedChannel channel(String service) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(platform.service(service).address()).usePlaintext().build();
        channels.add(channel);
        return channel;
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String token) {
        return TestCalls.as(IdentityServiceGrpc.newBlockingStub(channel("identity")), token, TENANT);
    }

    private List<AuditRecord> reads(String subject) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(channel("audit")), AUDITOR, TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setAction("personal_data.read").setSubjectRef(subject)
                        .setPageSize(1000).build())
                .getRecordsList();
    }

    @Test
    @Order(1)
    void complianceSeesThePersonAnOperatorOnlyTheIdsAndTheLogKnowsWhoReadWhat() {
        Candidate seenByCompliance = identity(COMPLIANCE).getCandidate(GetCandidateRequest.newBuilder()
                .setCandidateId(candidateId).build()).getCandidate();
        Candidate seenByOperator = identity(OPERATOR).getCandidate(GetCandidateRequest.newBuilder()
                .setCandidateId(candidateId).build()).getCandidate();
        // The loop's own read is not a person's: not recorded.
        identity(platform.serviceToken()).getCandidate(GetCandidateRequest.newBuilder().setCandidateId(candidateId).build());

        assertThat(seenByCompliance.getEmail()).isEqualTo("grace.hopper@example.com");
        assertThat(seenByCompliance.getJurisdictionsList()).containsExactly("US-NY-NYC");
        assertThat(seenByOperator.getId()).isEqualTo(candidateId);
        assertThat(seenByOperator.getEmail()).isEmpty();
        assertThat(seenByOperator.getGivenName()).isEmpty();
        assertThat(seenByOperator.getJurisdictionsList()).isEmpty();

        List<AuditRecord> reads = reads(candidateId);
        assertThat(reads).extracting(AuditRecord::getActor).containsExactly("compliance-officer", "ops-console");
        assertThat(reads).extracting(r -> r.getAttributesMap().get("personal_fields")).containsExactly("shown", "withheld");
        assertThat(reads).allSatisfy(r -> {
            assertThat(r.getAttributesMap()).containsEntry("method", "atsbridge.identity.v1.IdentityService/GetCandidate")
                    .containsEntry("request.candidate_id", candidateId);
            assertThat(r.getPayloadSha256().size()).isEqualTo(32);
            assertThat(r.toString()).doesNotContain("grace").doesNotContain("Hopper");
        });
    }

    @Test
    @Order(2)
    void consentAndAuditReadsAreRecordedToo() {
        TestCalls.as(ConsentServiceGrpc.newBlockingStub(channel("consent")), COMPLIANCE, TENANT)
                .listConsents(ListConsentsRequest.newBuilder().setCandidateId(candidateId).build());

        List<AuditRecord> reads = reads(candidateId);
        assertThat(reads).last().satisfies(r -> {
            assertThat(r.getActor()).isEqualTo("compliance-officer");
            assertThat(r.getAttributesMap()).containsEntry("method", "atsbridge.consent.v1.ConsentService/ListConsents");
        });
        // The auditor's own queries above were reads of the log: recorded in it, in place.
        List<AuditRecord> auditReads = TestCalls.as(AuditServiceGrpc.newBlockingStub(channel("audit")), AUDITOR, TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setAction("personal_data.read").setPageSize(1000).build())
                .getRecordsList().stream()
                .filter(r -> r.getAttributesMap().get("method").equals("atsbridge.audit.v1.AuditService/QueryRecords"))
                .toList();
        assertThat(auditReads).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> {
            assertThat(r.getActor()).isEqualTo("external-auditor");
            assertThat(r.getAttributesMap()).containsEntry("request.subject_ref", candidateId);
        });
    }

    @Test
    @Order(3)
    void withTheAuditLogGoneNothingIsAnswered() {
        platform.service("audit").context().close();

        assertThatThrownBy(() -> identity(COMPLIANCE).getCandidate(GetCandidateRequest.newBuilder()
                .setCandidateId(candidateId).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(GrpcErrors.errorInfo(e).map(ErrorInfo::getReason)).contains("READ_NOT_RECORDED");
                    assertThat(e.getStatus().getDescription()).doesNotContain("grace");
                });
    }
}
