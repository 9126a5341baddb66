package io.atsbridge.platform.privacy;

import com.google.rpc.ErrorInfo;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.MemoryReadLog;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.ListConflictsRequest;
import io.atsbridge.proto.adapter.v1.ListConflictsResponse;
import io.atsbridge.proto.adapter.v1.WriteConflict;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.identity.v1.GetCandidateRequest;
import io.atsbridge.proto.identity.v1.GetCandidateResponse;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.grpc.annotation.GrpcService;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The personal-data policy of the contracts applied to real calls: a stand-in identity and adapter service answer with
 * personal fields, the contracts' policies (GetCandidate: personal fields for service and compliance; ListConflicts:
 * values for reviewers) decide what each caller gets, and every answered read by a person or tool reaches the read
 * log before the answer leaves, or the call is refused.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "platform-kit.test.personal-data", value = "true")
@Property(name = "atsbridge.service.name", value = "probe-service")
class PersonalDataReadsTest implements TestPropertyProvider {

    private static final String OPERATOR_TOOL = "operator-tool-token-0123456789";
    private static final String REVIEWER_TOOL = "reviewer-tool-token-0123456789";
    private static final Candidate ADA = Candidate.newBuilder().setId("cand-1").setTenantId("acme").setGivenName("Ada")
            .setFamilyName("Lovelace").setEmail("ada@example.com").setPhone("+1 555 0100").addJurisdictions("US-NY-NYC").build();

    @Inject
    GrpcEmbeddedServer server;
    @Inject
    MemoryReadLog reads;

    private ManagedChannel channel;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestCalls.authProperties());
        properties.put("atsbridge.auth.tokens.operator-tool.secret", OPERATOR_TOOL);
        properties.put("atsbridge.auth.tokens.operator-tool.tenants", "acme");
        properties.put("atsbridge.auth.tokens.operator-tool.roles", "operator");
        properties.put("atsbridge.auth.tokens.reviewer-tool.secret", REVIEWER_TOOL);
        properties.put("atsbridge.auth.tokens.reviewer-tool.tenants", "acme");
        properties.put("atsbridge.auth.tokens.reviewer-tool.roles", "reviewer");
        properties.put("grpc.server.port", TestPorts.freeText());
        return properties;
    }

    @BeforeAll
    void open() {
        channel = TestCalls.channel(server.getPort());
    }

    @AfterAll
    void close() throws InterruptedException {
        TestCalls.close(channel);
    }

    @BeforeEach
    void reset() {
        reads.reset();
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String token, String tenant) {
        return TestCalls.as(IdentityServiceGrpc.newBlockingStub(channel), token, tenant);
    }

    @Test
    void aPersonWithComplianceSeesThePersonAndTheReadIsRecordedFirst() throws Exception {
        GetCandidateResponse answer = identity(TestCalls.OTHER_TENANT_TOKEN, "other")
                .getCandidate(GetCandidateRequest.newBuilder().setCandidateId("cand-1").build());

        assertThat(answer.getCandidate().getEmail()).isEqualTo("ada@example.com");
        assertThat(reads.recorded()).hasSize(1);
        PersonalDataRead read = reads.recorded().get(0);
        assertThat(read.tenantId()).isEqualTo("other");
        assertThat(read.actor()).isEqualTo("outsider");
        assertThat(read.subjectRef()).isEqualTo("cand-1");
        assertThat(read.attributes()).containsEntry("method", "atsbridge.identity.v1.IdentityService/GetCandidate")
                .containsEntry("caller_kind", "PERSON")
                .containsEntry("caller_roles", "auditor,compliance,operator,reviewer")
                .containsEntry("request.candidate_id", "cand-1")
                .containsEntry("answered_records", "1")
                .containsEntry("personal_fields", "shown");
        assertThat(read.answerSha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(answer.toByteArray()));
        assertThat(read.attributes().values()).noneMatch(v -> v.contains("ada") || v.contains("Lovelace"));
    }

    @Test
    void anOperatorGetsTheIdsButNotThePersonAndTheReadSaysSo() throws Exception {
        GetCandidateResponse answer = identity(OPERATOR_TOOL, "acme")
                .getCandidate(GetCandidateRequest.newBuilder().setCandidateId("cand-1").build());

        assertThat(answer.getCandidate().getId()).isEqualTo("cand-1");
        assertThat(answer.getCandidate().getGivenName()).isEmpty();
        assertThat(answer.getCandidate().getFamilyName()).isEmpty();
        assertThat(answer.getCandidate().getEmail()).isEmpty();
        assertThat(answer.getCandidate().getPhone()).isEmpty();
        assertThat(answer.getCandidate().getJurisdictionsList()).isEmpty();
        assertThat(reads.recorded()).singleElement().satisfies(read -> {
            assertThat(read.actor()).isEqualTo("operator-tool");
            assertThat(read.attributes()).containsEntry("caller_kind", "SERVICE").containsEntry("personal_fields", "withheld");
        });
        assertThat(reads.recorded().get(0).answerSha256())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(answer.toByteArray()));
    }

    @Test
    void conflictValuesGoToReviewersOnly() {
        ListConflictsResponse operator = TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), OPERATOR_TOOL, "acme")
                .listConflicts(ListConflictsRequest.getDefaultInstance());
        ListConflictsResponse reviewer = TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), REVIEWER_TOOL, "acme")
                .listConflicts(ListConflictsRequest.getDefaultInstance());

        assertThat(operator.getConflictsList()).extracting(WriteConflict::getFieldKey).containsExactly("ai_score", "ai_summary");
        assertThat(operator.getConflictsList()).allSatisfy(c -> {
            assertThat(c.getTheirs()).isEmpty();
            assertThat(c.getOurs()).isEmpty();
        });
        assertThat(reviewer.getConflictsList()).extracting(WriteConflict::getTheirs).containsExactly("72", "Strong");
        assertThat(reads.recorded()).extracting(r -> r.attributes().get("answered_records")).containsExactly("2", "2");
        assertThat(reads.recorded()).extracting(r -> r.attributes().get("personal_fields")).containsExactly("withheld", "shown");
    }

    @Test
    void theLoopsOwnServiceCallsAreNotRecorded() {
        GetCandidateResponse answer = TestCalls.asTenant(IdentityServiceGrpc.newBlockingStub(channel))
                .getCandidate(GetCandidateRequest.newBuilder().setCandidateId("cand-1").build());

        assertThat(answer.getCandidate().getEmail()).isEqualTo("ada@example.com");
        assertThat(reads.recorded()).isEmpty();
    }

    @Test
    void aReadThatCannotBeRecordedIsNotAnswered() {
        reads.fail();

        assertThatThrownBy(() -> identity(TestCalls.OTHER_TENANT_TOKEN, "other")
                .getCandidate(GetCandidateRequest.newBuilder().setCandidateId("cand-1").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(GrpcErrors.errorInfo(e).map(ErrorInfo::getReason)).contains("READ_NOT_RECORDED");
                    assertThat(e.getStatus().getDescription()).contains("audit log is down").doesNotContain("ada");
                });
    }

    @Test
    void aFailedReadAnswersNothingAndIsNotRecorded() {
        assertThatThrownBy(() -> identity(OPERATOR_TOOL, "acme")
                .getCandidate(GetCandidateRequest.newBuilder().setCandidateId("nobody").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(reads.recorded()).isEmpty();
    }

    @Test
    void personalFieldsAreFoundThroughNestedMessages() {
        assertThat(PersonalFields.carried(GetCandidateResponse.getDescriptor())).isTrue();
        assertThat(PersonalFields.carried(ListConflictsResponse.getDescriptor())).isTrue();
        assertThat(PersonalFields.carried(io.atsbridge.proto.identity.v1.ListCandidateLinksResponse.getDescriptor())).isFalse();
        GetCandidateResponse withheld = (GetCandidateResponse) PersonalFields.withheld(
                GetCandidateResponse.newBuilder().setCandidate(ADA).build());
        assertThat(withheld.getCandidate()).isEqualTo(Candidate.newBuilder().setId("cand-1").setTenantId("acme").build());
    }

    /** The stand-in identity service: knows one candidate. */
    @GrpcService
    @Requires(property = "platform-kit.test.personal-data")
    static final class StandInIdentity extends IdentityServiceGrpc.IdentityServiceImplBase {
        @Override
        public void getCandidate(GetCandidateRequest request, StreamObserver<GetCandidateResponse> answer) {
            if (!request.getCandidateId().equals(ADA.getId())) {
                answer.onError(Status.NOT_FOUND.withDescription("no candidate " + request.getCandidateId()).asRuntimeException());
                return;
            }
            answer.onNext(GetCandidateResponse.newBuilder().setCandidate(ADA).build());
            answer.onCompleted();
        }
    }

    /** The stand-in adapter: two open conflicts. */
    @GrpcService
    @Requires(property = "platform-kit.test.personal-data")
    static final class StandInAdapter extends AdapterServiceGrpc.AdapterServiceImplBase {
        @Override
        public void listConflicts(ListConflictsRequest request, StreamObserver<ListConflictsResponse> answer) {
            answer.onNext(ListConflictsResponse.newBuilder()
                    .addConflicts(WriteConflict.newBuilder().setId("c1").setFieldKey("ai_score").setTheirs("72").setOurs("81"))
                    .addConflicts(WriteConflict.newBuilder().setId("c2").setFieldKey("ai_summary").setTheirs("Strong").setOurs("Fair"))
                    .build());
            answer.onCompleted();
        }
    }
}
