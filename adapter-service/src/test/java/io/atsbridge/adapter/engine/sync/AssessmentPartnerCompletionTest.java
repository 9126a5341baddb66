package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.adapter.v1.AshbyCandidate;
import io.atsbridge.proto.adapter.v1.CancelAshbyAssessmentRequest;
import io.atsbridge.proto.adapter.v1.CancelAshbyAssessmentResponse;
import io.atsbridge.proto.adapter.v1.CancelPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.CancelPartnerAssessmentResponse;
import io.atsbridge.proto.adapter.v1.GetPartnerAssessmentStatusRequest;
import io.atsbridge.proto.adapter.v1.GetPartnerTestsRequest;
import io.atsbridge.proto.adapter.v1.ListAshbyAssessmentTypesRequest;
import io.atsbridge.proto.adapter.v1.PartnerCandidate;
import io.atsbridge.proto.adapter.v1.PartnerServiceGrpc;
import io.atsbridge.proto.adapter.v1.StartAshbyAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartAshbyAssessmentResponse;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentRequest;
import io.atsbridge.proto.adapter.v1.StartPartnerAssessmentResponse;
import io.atsbridge.proto.adapter.v1.VerifyAshbyPartnerKeyRequest;
import io.atsbridge.proto.adapter.v1.VerifyPartnerKeyRequest;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The assessment partner completions through the real adapter, its database, the sandbox AI vendor and the inbox
 * worker (driven by the test): Greenhouse's completion PATCH retried after 5xx and dead-lettered on a 4xx, and
 * Ashby's assessment.start / cancel, the cancellation carried to the AI vendor (retried after 5xx, dead-lettered on a
 * refusal) and the assessment.update pushed when the interview completes. A JDK HTTP
 * server plays Greenhouse's completion URL and Ashby's assessment.update, answering what each test asks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentPartnerCompletionTest {

    private static final String GH_KEY = "gh-partner-key-0123456789abcdef";
    private static final String ASHBY_PARTNER_KEY = "ashby-partner-key-0123456789";
    private static final String ASHBY_API_KEY = "customer-ashby-api-key-0123";
    private static final String TEST_ID = "kit-designer";

    private final ObjectMapper mapper = new ObjectMapper();
    /** Requests the stand-in servers received: method, path, Authorization, body. */
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    /** The statuses and bodies the stand-ins answer next (then 200 with Ashby's success). */
    private final Deque<Object[]> answers = new ArrayDeque<>();
    private HttpServer vendors;
    private LoopFixture fixture;
    private ManagedChannel channel;

    @BeforeAll
    void start() throws Exception {
        vendors = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendors.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new String[]{exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    new String(body, StandardCharsets.UTF_8)});
            Object[] answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? new Object[]{200, "{\"success\": true, \"results\": {}}"} : answers.poll();
            }
            byte[] out = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders((int) answer[0], out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        vendors.start();
        Map<String, Object> more = new HashMap<>();
        String ai = "atsbridge.connections.ai-acme.";
        more.put(ai + "partner-api-key", GH_KEY);
        more.put(ai + "tests", TEST_ID + ":Designer interview");
        more.put(ai + "partner-completion-hosts", "127.0.0.1");
        more.put(ai + "ashby-partner-api-key", ASHBY_PARTNER_KEY);
        more.put(ai + "ashby-api-key", ASHBY_API_KEY);
        more.put(ai + "ashby-base-url", vendorsUrl() + "/ashby");
        more.put("atsbridge.adapter.worker.max-attempts", "8");
        // Greenhouse's completion PATCH goes through the partner connection's governor for Greenhouse, like every vendor
        // call. The tests here share that connection, and together fail enough PATCHes on purpose (8 of the first 10)
        // to open its circuit: what a circuit breaker is for. A completion then waits, deferred without using an
        // attempt, until the circuit lets a trial call through; a short open time keeps that wait within each test's.
        more.put("atsbridge.adapter.http.circuit-open-for", "1s");
        fixture = new LoopFixture("adapter_partner", more);
        GrpcEmbeddedServer server = fixture.context.getBean(GrpcEmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        channel = TestCalls.channel(server.getPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (channel != null) {
            TestCalls.close(channel);
        }
        if (fixture != null) {
            fixture.close();
        }
        if (vendors != null) {
            vendors.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        // A test that failed may leave injected AI vendor faults behind; the next test starts without them.
        fixture.sandbox.aiVendor().failNextRequests(0, 500);
        fixture.worker.drain(Duration.ofSeconds(30));
        received.clear();
        synchronized (answers) {
            answers.clear();
        }
    }

    // ---------------------------------------------------------------- Greenhouse

    @Test
    void aCompletionPatchAnswered500TwiceIsRetriedUntilItLands() throws Exception {
        String path = "/integrations/testing_partners/take_home_tests/retry-" + UUID.randomUUID();
        String interviewId = sendTest(path, "retry@example.com");
        answer(500, "{\"error\": \"try later\"}");
        answer(500, "");

        Outcome done = processed(complete(interviewId));

        // VendorHttp may repeat an idempotent PATCH within one attempt; either way the third PATCH lands.
        assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
        List<String[]> patches = requests(path);
        assertThat(patches).as(describe(received)).hasSize(3);
        assertThat(patches).allSatisfy(p -> {
            assertThat(p[0]).isEqualTo("PATCH");
            assertThat(p[2]).isEqualTo(basic(GH_KEY));
        });
        assertThat(partnerStatus(interviewId)).isEqualTo("NOTIFIED");
    }

    @Test
    void theInboxWorkerRetriesACompletionPatchThatKeepsFailing() throws Exception {
        String path = "/integrations/testing_partners/take_home_tests/outage-" + UUID.randomUUID();
        String interviewId = sendTest(path, "outage@example.com");
        for (int i = 0; i < 6; i++) {
            answer(503, "");
        }

        Outcome done = processed(complete(interviewId));

        // More failures than one attempt repeats: the event failed, waited and was claimed again until the PATCH landed.
        assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
        assertThat(done.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(requests(path)).hasSize(7);
        assertThat(partnerStatus(interviewId)).isEqualTo("NOTIFIED");
    }

    @Test
    void aCompletionPatchRefusedWith4xxEndsAsADeadLetterWithTheError() throws Exception {
        String path = "/integrations/testing_partners/take_home_tests/gone-" + UUID.randomUUID();
        String interviewId = sendTest(path, "gone@example.com");
        answer(404, "{\"message\": \"take home test not found\"}");

        Outcome failed = processed(complete(interviewId));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.outcome()).contains("404", "Greenhouse", "take home test not found").doesNotContain(GH_KEY);
        assertThat(requests(path)).hasSize(1);
        // The result is kept for test_status even though Greenhouse was not told.
        assertThat(partnerStatus(interviewId)).isEqualTo("COMPLETE");
    }

    @Test
    void aResultWithoutALinkToItIsNotReportedCompleteAndEndsAsADeadLetter() throws Exception {
        String path = "/integrations/testing_partners/take_home_tests/no-link-" + UUID.randomUUID();
        String interviewId = sendTest(path, "no-link@example.com");
        fixture.sandbox.aiVendor().complete(interviewId);
        WebhookEvent event = fixture.sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains(interviewId)).reduce((a, b) -> b).orElseThrow();
        com.fasterxml.jackson.databind.JsonNode body = mapper.readTree(event.body());
        // A vendor that sends no transcript or recording link: nothing Greenhouse could show as partner_profile_url.
        for (com.fasterxml.jackson.databind.JsonNode holder : body.findParents("transcript_url")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) holder).putNull("transcript_url").putNull("recording_url");
        }
        String inboxId = fixture.intake.ingest("acme", List.of(new IncomingEvent("ai-acme", Vendor.STANDARD_WEBHOOKS,
                EventType.INTERVIEW_COMPLETED, "interview.completed", List.of(), null, "no-link-" + interviewId,
                mapper.writeValueAsBytes(body), "application/json", null))).get(0).inboxEventId();

        Outcome failed = processed(inboxId);

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).as("permanent").isEqualTo(1);
        assertThat(failed.outcome()).contains("partner_profile_url", "no transcript or recording URL", "replay this dead letter");
        assertThat(requests(path)).as("Greenhouse is not told: its test_status would refuse the answer").isEmpty();
        assertThat(partnerStatus(interviewId)).isEqualTo("INVITED");
        assertThat(partners().getPartnerAssessmentStatus(GetPartnerAssessmentStatusRequest.newBuilder().setConnectionId("ai-acme")
                .setPartnerInterviewId(interviewId).build()).getStatus()).isNotEqualTo("complete");
    }

    // ---------------------------------------------------------------- Ashby

    @Test
    void theAshbyKeyIsCheckedAndTheTestsAreOfferedAsAssessmentTypes() {
        assertThat(partners().verifyAshbyPartnerKey(VerifyAshbyPartnerKeyRequest.newBuilder().setConnectionId("ai-acme")
                .setPartnerApiKey(ASHBY_PARTNER_KEY).build()).getValid()).isTrue();
        assertThat(partners().verifyAshbyPartnerKey(VerifyAshbyPartnerKeyRequest.newBuilder().setConnectionId("ai-acme")
                .setPartnerApiKey(GH_KEY).build()).getValid()).isFalse();
        var types = partners().listAshbyAssessmentTypes(ListAshbyAssessmentTypesRequest.newBuilder()
                .setConnectionId("ai-acme").build()).getAssessmentTypesList();
        assertThat(types).hasSize(1);
        assertThat(types.get(0).getAssessmentTypeId()).isEqualTo(TEST_ID);
        assertThat(types.get(0).getName()).isEqualTo("Designer interview");
        assertThat(types.get(0).getDescription()).contains("Designer interview");
        // The ATS connection offers no partner API.
        assertThatThrownBy(() -> partners().listAshbyAssessmentTypes(ListAshbyAssessmentTypesRequest.newBuilder()
                .setConnectionId("gh-acme").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aCompletedAshbyAssessmentIsPushedToAshbyWithScoreProfileUrlAndMetadata() throws Exception {
        String application = "app-" + UUID.randomUUID();
        StartAshbyAssessmentResponse started = startAshby(application, "ada@example.com");
        assertThat(started.getAssessmentId()).isNotBlank();
        Interview interview = fixture.sandbox.aiVendor().interview(started.getInterviewId()).orElseThrow();
        assertThat(interview.candidate().email()).isEqualTo("ada@example.com");

        // The candidate is being assessed: a second start for the application and type is refused, nothing created.
        int interviews = fixture.sandbox.aiVendor().interviews().size();
        assertThatThrownBy(() -> startAshby(application, "ada@example.com"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(e.getStatus().getDescription()).contains(started.getAssessmentId());
                });
        assertThat(fixture.sandbox.aiVendor().interviews()).hasSize(interviews);

        Outcome done = processed(complete(started.getInterviewId()));

        assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
        List<String[]> updates = requests("/ashby/assessment.update");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0)[0]).isEqualTo("POST");
        assertThat(updates.get(0)[2]).isEqualTo(basic(ASHBY_API_KEY));
        JsonNode body = mapper.readTree(updates.get(0)[3]);
        Interview scored = fixture.sandbox.aiVendor().interview(started.getInterviewId()).orElseThrow();
        assertThat(body.get("assessment_id").asText()).isEqualTo(started.getAssessmentId());
        assertThat(body.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(body.get("timestamp").asLong()).isGreaterThan(1_700_000_000_000L);
        assertThat(body.get("assessment_status").get("value").asText()).isEqualTo("Completed");
        assertThat(body.get("assessment_result").get("type").asText()).isEqualTo("numeric_score");
        assertThat(body.get("assessment_result").get("value").asDouble()).isEqualTo(scored.result().score());
        assertThat(body.get("assessment_profile_url").get("type").asText()).isEqualTo("url");
        assertThat(body.get("assessment_profile_url").get("value").asText()).startsWith("http");
        assertThat(body.get("metadata").findValuesAsText("identifier")).contains("model", "prompt_version", "confidence");
        for (JsonNode value : body.get("metadata")) {
            assertThat(value.has("label")).isTrue();
            assertThat(value.get("value").isValueNode()).isTrue();
        }
        assertThat(updates.get(0)[3]).doesNotContain("ada@example.com");
        assertThat(ashbyStatus(started.getAssessmentId())).isEqualTo("NOTIFIED");

        // The same result again is not pushed twice; a new assessment of the application may start now.
        String again = ingestLast(started.getInterviewId(), "again-" + UUID.randomUUID());
        assertThat(processed(again).status()).isEqualTo("IGNORED");
        assertThat(requests("/ashby/assessment.update")).hasSize(1);
        StartAshbyAssessmentResponse next = startAshby(application, "ada@example.com");
        assertThat(next.getAssessmentId()).isNotEqualTo(started.getAssessmentId());
        assertThat(next.getInterviewId()).isNotEqualTo(started.getInterviewId());
    }

    @Test
    void aCancelledAshbyAssessmentCancelsTheInterviewAtTheAiVendorAndPushesNothing() throws Exception {
        StartAshbyAssessmentResponse started = startAshby("app-" + UUID.randomUUID(), "cancel@example.com");
        CancelAshbyAssessmentResponse cancelled = cancelAshby(started.getAssessmentId());
        assertThat(cancelled.getAssessmentId()).isEqualTo(started.getAssessmentId());
        assertThat(cancelled.getAlreadyReported()).isFalse();
        assertThat(ashbyStatus(started.getAssessmentId())).isEqualTo("CANCELLED");
        // The answer did not wait for the AI vendor (the worker is off here): the cancellation waits in the inbox.
        assertThat(fixture.sandbox.aiVendor().status(started.getInterviewId())).isEqualTo(Interview.INVITED);
        String cancellation = cancellationEvent(started.getAssessmentId());
        assertThat(outcome(cancellation).status()).isEqualTo("PENDING");
        // Idempotent: a repeated cancel enqueues nothing more.
        cancelAshby(started.getAssessmentId());
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE vendor_event_type = ? AND delivery_key LIKE ?",
                "atsbridge.ashby_assessment.cancelled", "%" + started.getAssessmentId())).isEqualTo(1);

        Outcome done = processed(cancellation);

        assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
        assertThat(done.outcome()).contains(started.getInterviewId(), "cancelled at the AI vendor");
        assertThat(fixture.sandbox.aiVendor().status(started.getInterviewId())).isEqualTo(Interview.CANCELLED);
        // The vendor will not complete it, so no result can reach Ashby.
        fixture.sandbox.aiVendor().complete(started.getInterviewId());
        assertThat(fixture.sandbox.aiVendor().webhookEvents()).noneMatch(e -> e.bodyText().contains(started.getInterviewId()));
        fixture.worker.drain(Duration.ofSeconds(10));
        assertThat(requests("/ashby/assessment.update")).isEmpty();
        assertThat(ashbyStatus(started.getAssessmentId())).isEqualTo("CANCELLED");
        assertThatThrownBy(() -> cancelAshby("no-such-assessment"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void anAiVendorAnswering503ToTheCancellationIsRetriedUntilItLands() throws Exception {
        StartAshbyAssessmentResponse started = startAshby("app-" + UUID.randomUUID(), "flaky-cancel@example.com");
        fixture.sandbox.aiVendor().failNextRequests(2, 503);
        cancelAshby(started.getAssessmentId());

        Outcome done = processed(cancellationEvent(started.getAssessmentId()));

        assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(fixture.sandbox.aiVendor().status(started.getInterviewId())).isEqualTo(Interview.CANCELLED);
        assertThat(requests("/ashby/assessment.update")).isEmpty();
    }

    @Test
    void aCancellationTheAiVendorRefusesEndsAsADeadLetterWithItsReason() throws Exception {
        StartAshbyAssessmentResponse started = startAshby("app-" + UUID.randomUUID(), "refused-cancel@example.com");
        fixture.sandbox.aiVendor().failNextRequests(1, 403);
        cancelAshby(started.getAssessmentId());

        Outcome failed = processed(cancellationEvent(started.getAssessmentId()));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.outcome()).contains("cancelling interview " + started.getInterviewId(), "403",
                "the sandbox was told to fail this request").doesNotContain(SandboxSettings.DEFAULT_AI_VENDOR_API_KEY);
        assertThat(fixture.sandbox.aiVendor().status(started.getInterviewId())).isEqualTo(Interview.INVITED);
        assertThat(ashbyStatus(started.getAssessmentId())).isEqualTo("CANCELLED");
    }

    @Test
    void anInterviewThatCompletedBeforeTheCancellationReachedTheVendorIsRecordedAndNotPushed() throws Exception {
        StartAshbyAssessmentResponse started = startAshby("app-" + UUID.randomUUID(), "late-cancel@example.com");
        cancelAshby(started.getAssessmentId());
        // The vendor completes the interview before the worker gets to the cancellation.
        String completion = complete(started.getInterviewId());

        Outcome ignored = processed(completion);
        Outcome tooLate = outcome(cancellationEvent(started.getAssessmentId()));

        assertThat(tooLate.status()).as(tooLate.outcome()).isEqualTo("DONE");
        assertThat(tooLate.outcome()).contains(started.getInterviewId(), "had already completed",
                "not reported to Ashby");
        assertThat(fixture.sandbox.aiVendor().status(started.getInterviewId())).isEqualTo(Interview.COMPLETED);
        assertThat(ignored.status()).isEqualTo("IGNORED");
        assertThat(ignored.outcome()).contains("cancelled");
        assertThat(requests("/ashby/assessment.update")).isEmpty();
        assertThat(ashbyStatus(started.getAssessmentId())).isEqualTo("CANCELLED");
    }

    @Test
    void ashbysSuccessFalseIsAPermanentFailureAnd5xxIsRetriedUntilA2xx() throws Exception {
        StartAshbyAssessmentResponse refused = startAshby("app-" + UUID.randomUUID(), "refused@example.com");
        answer(200, "{\"success\": false, \"errorInfo\": {\"code\": \"invalid_input\", \"message\": \"assessment not found\"}}");

        Outcome failed = processed(complete(refused.getInterviewId()));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.outcome()).contains("invalid_input", "assessment not found").doesNotContain(ASHBY_API_KEY);
        assertThat(ashbyStatus(refused.getAssessmentId())).isEqualTo("COMPLETE");

        received.clear();
        StartAshbyAssessmentResponse flaky = startAshby("app-" + UUID.randomUUID(), "flaky@example.com");
        answer(503, "");
        // The answer's body is not documented: an empty 200 is taken as accepted.
        answer(200, "");
        Outcome done = processed(complete(flaky.getInterviewId()));
        assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(requests("/ashby/assessment.update")).hasSize(2);
        assertThat(ashbyStatus(flaky.getAssessmentId())).isEqualTo("NOTIFIED");
    }

    @Test
    void aStartWithoutEmailOrForAnUnknownTypeIsRefusedAndCreatesNothing() {
        int interviews = fixture.sandbox.aiVendor().interviews().size();
        assertThatThrownBy(() -> partners().startAshbyAssessment(StartAshbyAssessmentRequest.newBuilder()
                .setConnectionId("ai-acme").setAssessmentTypeId(TEST_ID).setApplicationId("app-x")
                .setCandidate(AshbyCandidate.newBuilder().setFirstName("No").setLastName("Mail")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> partners().startAshbyAssessment(StartAshbyAssessmentRequest.newBuilder()
                .setConnectionId("ai-acme").setAssessmentTypeId("no-such-kit").setApplicationId("app-x")
                .setCandidate(AshbyCandidate.newBuilder().setEmail("x@example.com")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("no-such-kit");
                });
        assertThat(fixture.sandbox.aiVendor().interviews()).hasSize(interviews);
    }

    // ---------------------------------------------------------------- one API, the ATS as the vendor field

    @Test
    void theUnifiedRpcsServeAshbyWhenTheVendorSaysSoAndAnswerAsTheDeprecatedOnesDid() throws Exception {
        assertThat(partners().verifyPartnerKey(VerifyPartnerKeyRequest.newBuilder().setConnectionId("ai-acme")
                .setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_ASHBY).setPartnerApiKey(ASHBY_PARTNER_KEY).build()).getValid()).isTrue();
        // The Greenhouse key is not Ashby's, and an unset vendor is Greenhouse, as in the released API.
        assertThat(partners().verifyPartnerKey(VerifyPartnerKeyRequest.newBuilder().setConnectionId("ai-acme")
                .setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_ASHBY).setPartnerApiKey(GH_KEY).build()).getValid()).isFalse();
        assertThat(partners().verifyPartnerKey(VerifyPartnerKeyRequest.newBuilder().setConnectionId("ai-acme")
                .setPartnerApiKey(GH_KEY).build()).getValid()).isTrue();
        assertThat(partners().getPartnerTests(GetPartnerTestsRequest.newBuilder().setConnectionId("ai-acme")
                .setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_ASHBY).build()).getTestsList())
                .singleElement().satisfies(t -> {
                    assertThat(t.getPartnerTestId()).isEqualTo(TEST_ID);
                    assertThat(t.getDescription()).contains("AI interview", "Designer interview");
                });

        String applicationId = "app-" + UUID.randomUUID();
        StartPartnerAssessmentRequest start = StartPartnerAssessmentRequest.newBuilder().setConnectionId("ai-acme")
                .setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_ASHBY).setPartnerTestId(TEST_ID).setApplicationId(applicationId)
                .setJobId("job-1").setJobName("Designer")
                .setCandidate(PartnerCandidate.newBuilder().setFirstName("Ada").setLastName("Lovelace")
                        .setEmail("unified@example.com").setAtsCandidateId("cand-1"))
                .build();
        StartPartnerAssessmentResponse started = partners().startPartnerAssessment(start);
        assertThat(started.getAssessmentId()).isNotEqualTo(started.getPartnerInterviewId());
        assertThat(ashbyStatus(started.getAssessmentId())).isEqualTo("INVITED");
        int interviews = fixture.sandbox.aiVendor().interviews().size();
        assertThatThrownBy(() -> partners().startPartnerAssessment(start))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
        assertThat(fixture.sandbox.aiVendor().interviews()).hasSize(interviews);

        CancelPartnerAssessmentResponse cancelled = partners().cancelPartnerAssessment(CancelPartnerAssessmentRequest
                .newBuilder().setConnectionId("ai-acme").setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_ASHBY)
                .setAssessmentId(started.getAssessmentId()).build());
        assertThat(cancelled.getAssessmentId()).isEqualTo(started.getAssessmentId());
        assertThat(cancelled.getAlreadyReported()).isFalse();
        assertThat(ashbyStatus(started.getAssessmentId())).isEqualTo("CANCELLED");
        assertThat(processed(cancellationEvent(started.getAssessmentId())).status()).isEqualTo("DONE");
        // An Ashby assessment is not Greenhouse's: asked as Greenhouse, the cancellation finds nothing.
        assertThatThrownBy(() -> partners().cancelPartnerAssessment(CancelPartnerAssessmentRequest.newBuilder()
                .setConnectionId("ai-acme").setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_GREENHOUSE)
                .setAssessmentId(started.getAssessmentId()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aVendorThatOrdersNoAssessmentsIsRefusedAndNothingIsCreated() {
        int interviews = fixture.sandbox.aiVendor().interviews().size();
        assertThatThrownBy(() -> partners().startPartnerAssessment(StartPartnerAssessmentRequest.newBuilder()
                .setConnectionId("ai-acme").setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_LEVER).setPartnerTestId(TEST_ID)
                .setApplicationId("app-x").setCandidate(PartnerCandidate.newBuilder().setEmail("x@example.com")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo("VENDOR_NOT_ASSESSMENT_PARTNER");
                    assertThat(e.getStatus().getDescription()).contains("VENDOR_LEVER", "GREENHOUSE", "ASHBY");
                });
        assertThat(fixture.sandbox.aiVendor().interviews()).hasSize(interviews);
    }

    // ---------------------------------------------------------------- a key the master key does not open

    @Test
    void aStoredKeyTheMasterKeyDoesNotOpenIsAConfigurationFailureSayingWhatToDo() throws Exception {
        String path = "/integrations/testing_partners/take_home_tests/sealed-" + UUID.randomUUID();
        String interviewId = sendTest(path, "sealed@example.com");
        byte[] sealed = partnerKey("GREENHOUSE");
        // As if sealed under another master key: the ciphertext no longer authenticates.
        setPartnerKey("GREENHOUSE", new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40});
        try {
            assertThatThrownBy(() -> partners().verifyPartnerKey(VerifyPartnerKeyRequest.newBuilder()
                    .setConnectionId("ai-acme").setPartnerApiKey(GH_KEY).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo("PARTNER_KEY_UNREADABLE");
                        assertThat(e.getStatus().getDescription()).contains("ai-acme", "master key",
                                "ATSBRIDGE_ADAPTER_MASTER_KEY").doesNotContain(GH_KEY);
                    });

            Outcome failed = processed(complete(interviewId));

            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.outcome()).contains("master key", "[reason: MISSING_CONFIGURATION]").doesNotContain(GH_KEY);
            assertThat(requests(path)).isEmpty();
            // The result is kept for test_status; Greenhouse is told once the key opens again (replay).
            assertThat(partnerStatus(interviewId)).isEqualTo("COMPLETE");
        } finally {
            setPartnerKey("GREENHOUSE", sealed);
        }
    }

    // ---------------------------------------------------------------- helpers

    private PartnerServiceGrpc.PartnerServiceBlockingStub partners() {
        return TestCalls.asTenant(PartnerServiceGrpc.newBlockingStub(channel));
    }

    private CancelAshbyAssessmentResponse cancelAshby(String assessmentId) {
        return partners().cancelAshbyAssessment(CancelAshbyAssessmentRequest.newBuilder().setConnectionId("ai-acme")
                .setAssessmentId(assessmentId).build());
    }

    /** The inbox event that carries the cancellation of the assessment's interview to the AI vendor. */
    private String cancellationEvent(String assessmentId) throws SQLException {
        return single("SELECT id FROM inbox_event WHERE connection_id = 'ai-acme' AND delivery_key = ?",
                "atsbridge:ashby-cancel:" + assessmentId);
    }

    private long count(String sql, String first, String second) throws SQLException {
        try (java.sql.Connection c = fixture.database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, first);
            select.setString(2, second);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String sendTest(String completionPath, String email) {
        return partners().startPartnerAssessment(StartPartnerAssessmentRequest.newBuilder().setConnectionId("ai-acme")
                .setPartnerTestId(TEST_ID).setCompletionUrl(vendorsUrl() + completionPath)
                .setCandidate(PartnerCandidate.newBuilder().setFirstName("Grace").setLastName("Hopper").setEmail(email))
                .setRequestId(UUID.randomUUID().toString()).build()).getPartnerInterviewId();
    }

    private StartAshbyAssessmentResponse startAshby(String applicationId, String email) {
        return partners().startAshbyAssessment(StartAshbyAssessmentRequest.newBuilder().setConnectionId("ai-acme")
                .setAssessmentTypeId(TEST_ID).setApplicationId(applicationId).setJobId("job-1").setJobName("Designer")
                .setCandidate(AshbyCandidate.newBuilder().setAshbyId("cand-1").setFirstName("Ada").setLastName("Lovelace")
                        .setEmail(email).setAshbyProfileUrl("https://app.ashbyhq.com/candidates/cand-1"))
                .build());
    }

    /** Completes the interview at the AI vendor and ingests the interview.completed it sends; returns the inbox id. */
    private String complete(String interviewId) {
        fixture.sandbox.aiVendor().complete(interviewId);
        return ingestLast(interviewId, null);
    }

    private String ingestLast(String interviewId, String deliveryKey) {
        WebhookEvent event = fixture.sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains(interviewId)).reduce((a, b) -> b).orElseThrow();
        return fixture.intake.ingest("acme", List.of(new IncomingEvent("ai-acme", Vendor.STANDARD_WEBHOOKS,
                EventType.INTERVIEW_COMPLETED, "interview.completed", List.of(), null,
                deliveryKey == null ? event.id() : deliveryKey, event.body(), "application/json", null))).get(0).inboxEventId();
    }

    private void answer(int status, String body) {
        synchronized (answers) {
            answers.add(new Object[]{status, body});
        }
    }

    private List<String[]> requests(String path) {
        return received.stream().filter(r -> r[1].equals(path)).toList();
    }

    private static String describe(List<String[]> requests) {
        return requests.stream().map(r -> r[0] + " " + r[1]).toList().toString();
    }

    private String vendorsUrl() {
        return "http://127.0.0.1:" + vendors.getAddress().getPort();
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    record Outcome(String status, String outcome, int attempts) {
    }

    /** Runs the worker until the event is finished (retries included), at most 20 s. */
    private Outcome processed(String inboxId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            fixture.worker.runOnce();
            Outcome outcome = outcome(inboxId);
            if (EventStatus.valueOf(outcome.status()).finished() || System.nanoTime() > deadline) {
                return outcome;
            }
            Thread.sleep(100);
        }
    }

    private Outcome outcome(String inboxId) throws SQLException {
        try (java.sql.Connection c = fixture.database.connect();
             PreparedStatement select = c.prepareStatement("SELECT status, outcome, attempts FROM inbox_event WHERE id = ?")) {
            select.setString(1, inboxId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return new Outcome(rows.getString(1), rows.getString(2), rows.getInt(3));
            }
        }
    }

    private byte[] partnerKey(String protocol) throws SQLException {
        try (java.sql.Connection c = fixture.database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT partner_key_ciphertext FROM assessment_partner WHERE connection_id = 'ai-acme' AND protocol = ?")) {
            select.setString(1, protocol);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private void setPartnerKey(String protocol, byte[] sealed) throws SQLException {
        try (java.sql.Connection c = fixture.database.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE assessment_partner SET partner_key_ciphertext = ? WHERE connection_id = 'ai-acme' AND protocol = ?")) {
            update.setBytes(1, sealed);
            update.setString(2, protocol);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private String partnerStatus(String interviewId) throws SQLException {
        return single("SELECT status FROM assessment_partner_assessment WHERE protocol = 'GREENHOUSE' AND interview_id = ?", interviewId);
    }

    private String ashbyStatus(String assessmentId) throws SQLException {
        return single("SELECT status FROM assessment_partner_assessment WHERE protocol = 'ASHBY' AND assessment_id = ?", assessmentId);
    }

    private String single(String sql, String parameter) throws SQLException {
        try (java.sql.Connection c = fixture.database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }
}
