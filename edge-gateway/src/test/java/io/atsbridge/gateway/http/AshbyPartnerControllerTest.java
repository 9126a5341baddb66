package io.atsbridge.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.CancelPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.CancelPartnerAssessmentResponse;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsResponse;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionRequest;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionResponse;
import io.atsbridge.proto.adapter.v1.PartnerServiceGrpc;
import io.atsbridge.proto.adapter.v1.PartnerTest;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentResponse;
import io.atsbridge.proto.adapter.v1.VerifyPartnerKeyRequest;
import io.atsbridge.proto.adapter.v1.VerifyPartnerKeyResponse;
import io.atsbridge.proto.common.v1.Vendor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ashby's assessment partner endpoints over real HTTP against a stand-in adapter: the Basic key check, Ashby's
 * request and answer shapes, the 409 for a candidate already being assessed, the 422 Ashby shows its user, and
 * the gateway's JSON refusals. What the adapter does with the calls is tested in the adapter and launcher.
 */
@MicronautTest(environments = "gateway")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AshbyPartnerControllerTest implements TestPropertyProvider {

    private static final String KEY = "ashby-partner-key-0123456789";

    private final FakePartners partners = new FakePartners();
    private final Server adapter = start(partners);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    EmbeddedServer gateway;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", TestPorts.freeText(),
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:" + adapter.getPort());
    }

    @AfterAll
    void stop() {
        adapter.shutdownNow();
    }

    @Test
    void listAnswersTheAssessmentTypesInAshbysShape() throws Exception {
        HttpResponse<String> response = post("ai-ashby", "assessment.list", KEY, "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = mapper.readTree(response.body());
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("results")).hasSize(2);
        assertThat(answer.get("results").get(0).get("assessment_type_id").asText()).isEqualTo("backend-v1");
        assertThat(answer.get("results").get(0).get("name").asText()).isEqualTo("Backend engineer");
        assertThat(answer.get("results").get(0).get("description").asText()).isEqualTo("AI interview");
    }

    @Test
    void startPassesAshbysBodyOnAndAnswersTheAssessmentId() throws Exception {
        HttpResponse<String> response = post("ai-ashby", "assessment.start", KEY, """
                {"assessment_type_id": "backend-v1",
                 "candidate": {"ashby_id": "cand-1", "first_name": "Ada", "last_name": "Lovelace",
                   "email": "ada@example.com", "ashby_profile_url": "https://app.ashbyhq.com/candidates/cand-1"},
                 "application": {"ashby_id": "app-1", "status": "Active"},
                 "job": {"ashby_id": "job-1", "name": "Backend engineer", "req_id": "R-1",
                   "ashby_job_url": "https://app.ashbyhq.com/jobs/job-1", "hiringTeam": []}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = mapper.readTree(response.body());
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("results").get("assessment_id").asText()).isEqualTo("assessment-app-1");
        StartPartnerAssessmentRequest seen = partners.starts.get(partners.starts.size() - 1);
        assertThat(seen.getConnectionId()).isEqualTo("ai-ashby");
        assertThat(seen.getVendor()).isEqualTo(Vendor.VENDOR_ASHBY);
        assertThat(seen.getPartnerTestId()).isEqualTo("backend-v1");
        assertThat(seen.getApplicationId()).isEqualTo("app-1");
        assertThat(seen.getJobId()).isEqualTo("job-1");
        assertThat(seen.getJobName()).isEqualTo("Backend engineer");
        assertThat(seen.getCandidate().getEmail()).isEqualTo("ada@example.com");
        assertThat(seen.getCandidate().getFirstName()).isEqualTo("Ada");
        assertThat(seen.getCandidate().getAtsCandidateId()).isEqualTo("cand-1");
        assertThat(seen.getCandidate().getAtsProfileUrl()).isEqualTo("https://app.ashbyhq.com/candidates/cand-1");
    }

    @Test
    void aCandidateAlreadyBeingAssessedIs409() throws Exception {
        HttpResponse<String> response = post("ai-ashby", "assessment.start", KEY, """
                {"assessment_type_id": "backend-v1", "candidate": {"email": "b@example.com"},
                 "application": {"ashby_id": "app-busy"}, "job": {"ashby_id": "job-1", "name": "J"}}""");

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode answer = mapper.readTree(response.body());
        assertThat(answer.get("error").asText()).isEqualTo("conflict");
        assertThat(answer.get("reason").asText()).isEqualTo("ASSESSMENT_IN_PROGRESS");
        assertThat(answer.get("detail").asText()).contains("already being assessed");
    }

    @Test
    void aStartThatCannotBeDoneIs422WithAMessageAshbyShows() throws Exception {
        int before = partners.starts.size();
        HttpResponse<String> missing = post("ai-ashby", "assessment.start", KEY,
                "{\"assessment_type_id\": \"backend-v1\", \"candidate\": {}, \"application\": {\"ashby_id\": \"app-2\"}}");
        assertThat(missing.statusCode()).isEqualTo(422);
        JsonNode answer = mapper.readTree(missing.body());
        assertThat(answer.get("reason").asText()).isEqualTo("ASSESSMENT_START_INVALID");
        assertThat(answer.get("message").asText()).contains("candidate.email");
        assertThat(partners.starts).hasSize(before);

        HttpResponse<String> unknownType = post("ai-ashby", "assessment.start", KEY, """
                {"assessment_type_id": "no-such-type", "candidate": {"email": "c@example.com"},
                 "application": {"ashby_id": "app-3"}}""");
        assertThat(unknownType.statusCode()).isEqualTo(422);
        assertThat(mapper.readTree(unknownType.body()).get("reason").asText()).isEqualTo("ASSESSMENT_TYPE_NOT_FOUND");
        assertThat(mapper.readTree(unknownType.body()).get("message").asText()).contains("no-such-type");

        HttpResponse<String> notJson = post("ai-ashby", "assessment.start", KEY, "[1, 2");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(notJson.body()).get("reason").asText()).isEqualTo("BODY_INVALID");
    }

    @Test
    void cancelAnswersTheAssessmentIdAndUnknownOnesAre404() throws Exception {
        HttpResponse<String> cancelled = post("ai-ashby", "assessment.cancel", KEY, "{\"assessment_id\": \"assessment-app-1\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode answer = mapper.readTree(cancelled.body());
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("results").get("assessment_id").asText()).isEqualTo("assessment-app-1");
        assertThat(partners.cancels).contains("assessment-app-1");

        HttpResponse<String> unknown = post("ai-ashby", "assessment.cancel", KEY, "{\"assessment_id\": \"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(mapper.readTree(unknown.body()).get("reason").asText()).isEqualTo("ASSESSMENT_NOT_FOUND");

        HttpResponse<String> missing = post("ai-ashby", "assessment.cancel", KEY, "{}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(mapper.readTree(missing.body()).get("reason").asText()).isEqualTo("ASSESSMENT_ID_MISSING");
    }

    @Test
    void aMissingOrWrongKeyIs401AndReachesNothing() throws Exception {
        int starts = partners.starts.size();
        for (String key : new String[]{null, "not-the-key-0000000000", KEY + "x"}) {
            HttpResponse<String> response = post("ai-ashby", "assessment.start", key, """
                    {"assessment_type_id": "backend-v1", "candidate": {"email": "d@example.com"},
                     "application": {"ashby_id": "app-4"}}""");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"atsbridge\"");
            assertThat(mapper.readTree(response.body()).get("reason").asText()).isEqualTo("PARTNER_KEY_INVALID");
            assertThat(response.body()).doesNotContain(KEY);
        }
        assertThat(partners.starts).hasSize(starts);
        HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(uri("ai-ashby", "assessment.list"))
                .header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownConnectionsAndConnectionsWithoutTheAshbyPartnerApiAre404() throws Exception {
        HttpResponse<String> unknown = post("no-such-connection", "assessment.list", KEY, "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(mapper.readTree(unknown.body()).get("reason").asText()).isEqualTo("CONNECTION_UNKNOWN");

        HttpResponse<String> notPartner = post("ai-plain", "assessment.list", KEY, "{}");
        assertThat(notPartner.statusCode()).isEqualTo(404);
        assertThat(mapper.readTree(notPartner.body()).get("reason").asText()).isEqualTo("ASHBY_PARTNER_CONNECTION_NOT_FOUND");

        HttpResponse<String> notAnId = post("Not_An_Id", "assessment.list", KEY, "{}");
        assertThat(notAnId.statusCode()).isEqualTo(404);
    }

    @Test
    void anAdapterThatIsDownIs503WithRetryAfter() throws Exception {
        HttpResponse<String> response = post("ai-down", "assessment.list", KEY, "{}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(mapper.readTree(response.body()).get("reason").asText()).isEqualTo("PARTNER_UNAVAILABLE");
    }

    private HttpResponse<String> post(String connection, String method, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(connection, method))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String connection, String method) {
        return URI.create("http://127.0.0.1:" + gateway.getPort() + "/partners/ashby/" + connection + "/" + method);
    }

    private static Server start(FakePartners partners) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new FakeLookup())
                    .addService(partners).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Knows every ai-* connection. */
    static final class FakeLookup extends AdapterServiceGrpc.AdapterServiceImplBase {
        @Override
        public void lookupWebhookConnection(LookupWebhookConnectionRequest request,
                                            StreamObserver<LookupWebhookConnectionResponse> observer) {
            if (!request.getConnectionId().startsWith("ai-")) {
                observer.onError(Status.NOT_FOUND.withDescription("no such connection").asRuntimeException());
                return;
            }
            observer.onNext(LookupWebhookConnectionResponse.newBuilder().setConnectionId(request.getConnectionId())
                    .setTenantId("acme").setVendor(Vendor.VENDOR_STANDARD_WEBHOOKS).setEnabled(true)
                    .addWebhookSecrets(ByteString.copyFromUtf8("whsec-unused-0123456789")).build());
            observer.onCompleted();
        }
    }

    /**
     * ai-ashby offers the Ashby partner API with KEY; ai-plain offers none; ai-down is unavailable. The
     * application app-busy has an assessment in progress.
     */
    static final class FakePartners extends PartnerServiceGrpc.PartnerServiceImplBase {

        final List<StartPartnerAssessmentRequest> starts = new CopyOnWriteArrayList<>();
        final List<String> cancels = new CopyOnWriteArrayList<>();
        /** Assessments started, by id; assessment-app-1 exists whichever test runs first. */
        private final Map<String, String> started = new ConcurrentHashMap<>(Map.of("assessment-app-1", "app-1"));

        private boolean refused(String connectionId, Vendor vendor, StreamObserver<?> observer) {
            // The gateway names the ATS in every call: the fake answers only what Ashby's endpoints ask.
            if (vendor != Vendor.VENDOR_ASHBY) {
                observer.onError(Status.INVALID_ARGUMENT.withDescription("vendor: " + vendor).asRuntimeException());
                return true;
            }
            if (connectionId.equals("ai-down")) {
                observer.onError(Status.UNAVAILABLE.withDescription("database down").asRuntimeException());
                return true;
            }
            if (!connectionId.equals("ai-ashby")) {
                observer.onError(GrpcErrors.toStatusException(DomainException
                        .notFound("ASHBY_PARTNER_CONNECTION_NOT_FOUND", "no Ashby assessment partner connection '%s'",
                                connectionId), "atsbridge.adapter"));
                return true;
            }
            return false;
        }

        @Override
        public void verifyPartnerKey(VerifyPartnerKeyRequest request,
                                          StreamObserver<VerifyPartnerKeyResponse> observer) {
            if (refused(request.getConnectionId(), request.getVendor(), observer)) {
                return;
            }
            observer.onNext(VerifyPartnerKeyResponse.newBuilder().setValid(request.getPartnerApiKey().equals(KEY)).build());
            observer.onCompleted();
        }

        @Override
        public void getPartnerTests(GetPartnerTestsRequest request,
                                    StreamObserver<GetPartnerTestsResponse> observer) {
            if (refused(request.getConnectionId(), request.getVendor(), observer)) {
                return;
            }
            observer.onNext(GetPartnerTestsResponse.newBuilder()
                    .addTests(PartnerTest.newBuilder().setPartnerTestId("backend-v1")
                            .setPartnerTestName("Backend engineer").setDescription("AI interview"))
                    .addTests(PartnerTest.newBuilder().setPartnerTestId("designer-v1")
                            .setPartnerTestName("Designer").setDescription("AI interview"))
                    .build());
            observer.onCompleted();
        }

        @Override
        public void startPartnerAssessment(StartPartnerAssessmentRequest request,
                                         StreamObserver<StartPartnerAssessmentResponse> observer) {
            if (refused(request.getConnectionId(), request.getVendor(), observer)) {
                return;
            }
            if (!request.getPartnerTestId().equals("backend-v1") && !request.getPartnerTestId().equals("designer-v1")) {
                observer.onError(GrpcErrors.toStatusException(DomainException
                        .notFound("ASSESSMENT_TYPE_NOT_FOUND", "connection ai-ashby offers no assessment type '%s'",
                                request.getPartnerTestId()), "atsbridge.adapter"));
                return;
            }
            if (request.getApplicationId().equals("app-busy")) {
                observer.onError(GrpcErrors.toStatusException(DomainException
                        .alreadyExists("ASSESSMENT_IN_PROGRESS", "the candidate is already being assessed (assessment a-1)"), "atsbridge.adapter"));
                return;
            }
            starts.add(request);
            String id = "assessment-" + request.getApplicationId();
            started.put(id, request.getApplicationId());
            observer.onNext(StartPartnerAssessmentResponse.newBuilder().setAssessmentId(id).setPartnerInterviewId("iv-" + id)
                    .build());
            observer.onCompleted();
        }

        @Override
        public void cancelPartnerAssessment(CancelPartnerAssessmentRequest request,
                                          StreamObserver<CancelPartnerAssessmentResponse> observer) {
            if (refused(request.getConnectionId(), request.getVendor(), observer)) {
                return;
            }
            if (!started.containsKey(request.getAssessmentId())) {
                observer.onError(GrpcErrors.toStatusException(DomainException
                        .notFound("ASSESSMENT_NOT_FOUND", "connection ai-ashby has no assessment '%s'",
                                request.getAssessmentId()), "atsbridge.adapter"));
                return;
            }
            cancels.add(request.getAssessmentId());
            observer.onNext(CancelPartnerAssessmentResponse.newBuilder().setAssessmentId(request.getAssessmentId()).build());
            observer.onCompleted();
        }
    }
}
