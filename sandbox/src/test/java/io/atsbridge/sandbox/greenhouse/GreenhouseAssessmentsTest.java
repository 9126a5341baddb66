package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox playing Greenhouse towards an assessment partner (a stub here), checking the partner's answers as
 * Greenhouse documents them: the documented test_status example is taken, a complete status without
 * partner_profile_url is refused and reported to response_error with Greenhouse's own wording.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GreenhouseAssessmentsTest {

    private static final String KEY = "partner-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private GreenhouseSimulator gh;
    private HttpServer partner;
    /** What the stub partner answers to test_status, by partner_interview_id. */
    private final Map<String, String> statusAnswers = new ConcurrentHashMap<>();
    private final List<JsonNode> reported = new CopyOnWriteArrayList<>();
    private long application;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start();
        gh = sandbox.greenhouse();
        GreenhouseJob job = gh.addJob("Analyst", "Review", "Assessment");
        application = gh.addApplication(gh.addCandidate(NewCandidate.builder("Harry", "Potter").email("hpotter@hogwarts.edu")
                .build()), job.id());
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/partner/list_tests", exchange -> answer(exchange, 200,
                HarvestVendorContractTest.example("greenhouse-assessment-partner", "list_tests_response.json").toString()));
        partner.createContext("/partner/send_test", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String id = "interview-" + request.path("url").asText().replaceAll(".*/", "");
            answer(exchange, 200, "{\"partner_interview_id\":\"" + id + "\"}");
        });
        partner.createContext("/partner/test_status", exchange -> {
            String id = exchange.getRequestURI().getQuery().replace("partner_interview_id=", "");
            answer(exchange, 200, statusAnswers.getOrDefault(id, "{\"partner_status\":\"in_progress\"}"));
        });
        partner.createContext("/partner/response_error", exchange -> {
            reported.add(JSON.readTree(exchange.getRequestBody()));
            answer(exchange, 200, "{\"status\": 200}");
        });
        partner.start();
        gh.assessments().connectPartner("http://127.0.0.1:" + partner.getAddress().getPort() + "/partner", KEY);
    }

    @AfterAll
    void stop() {
        partner.stop(0);
        sandbox.close();
    }

    @Test
    void listsTestsAndTakesTheDocumentedCompleteStatus() throws Exception {
        assertThat(gh.assessments().listTests()).containsEntry("12345", "My First Test").containsEntry("54321", "My Second Test");
        GreenhouseAssessments.TakeHomeTest test = gh.assessments().sendTest(application, "12345", "My First Test", "sender@example.org");
        assertThat(test.partnerInterviewId()).isEqualTo("interview-" + test.id());
        statusAnswers.put(test.partnerInterviewId(),
                HarvestVendorContractTest.example("greenhouse-assessment-partner", "test_status_response.json").toString());

        assertThat(patch(test.id(), "wrong-key").statusCode()).isEqualTo(401);
        assertThat(patch(test.id(), KEY).statusCode()).isEqualTo(200);
        awaitTrue(() -> "complete".equals(gh.assessments().test(test.id()).orElseThrow().partnerStatus()));
        GreenhouseAssessments.TakeHomeTest done = gh.assessments().test(test.id()).orElseThrow();
        assertThat(done.partnerProfileUrl()).isEqualTo("http://example.com/tests/12345");
        assertThat(done.partnerScore().asInt()).isEqualTo(81);
        assertThat(done.metadata()).containsKeys("Started At", "Completed At", "Notes");
        assertThat(done.completionPatches()).isEqualTo(1);
        assertThat(patch(999_999, KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void aCompleteStatusWithoutProfileUrlIsReportedThroughResponseErrorAndNotRecorded() throws Exception {
        GreenhouseAssessments.TakeHomeTest test = gh.assessments().sendTest(application, "54321", "My Second Test", "s@example.org");
        statusAnswers.put(test.partnerInterviewId(), "{\"partner_status\":\"complete\",\"partner_score\":70}");
        int before = reported.size();
        assertThat(patch(test.id(), KEY).statusCode()).isEqualTo(200);
        awaitTrue(() -> reported.size() > before);
        JsonNode report = reported.get(reported.size() - 1);
        assertThat(report.path("api_call").asText()).isEqualTo("test_status");
        // Greenhouse's own example of this report uses exactly this sentence.
        assertThat(report.path("errors")).extracting(JsonNode::asText)
                .containsExactly("partner_status is 'complete' but partner_profile url is missing");
        assertThat(report.path("partner_interview_id").asText()).isEqualTo(test.partnerInterviewId());
        assertThat(report.path("candidate_email").asText()).isEqualTo("hpotter@hogwarts.edu");
        assertShapeOfDocumentedReport(report);
        assertThat(gh.assessments().test(test.id()).orElseThrow().partnerStatus()).as("nothing recorded").isNull();
        assertThat(gh.assessments().responseErrors()).last().satisfies(e -> assertThat(e.answerStatus()).isEqualTo(200));

        statusAnswers.put(test.partnerInterviewId(), "{\"partner_status\":\"complete\",\"partner_profile_url\":\"https://p.example/1\","
                + "\"partner_score\":\"high\",\"metadata\":{\"nested\":{\"a\":1}}}");
        int again = reported.size();
        patch(test.id(), KEY);
        awaitTrue(() -> reported.size() > again);
        assertThat(reported.get(reported.size() - 1).path("errors")).extracting(JsonNode::asText)
                .anySatisfy(e -> assertThat(e).contains("partner_score"))
                .anySatisfy(e -> assertThat(e).contains("metadata.nested"));
    }

    @Test
    void aMalformedSendTestAnswerIsReportedAndRefused() {
        partner.removeContext("/partner/send_test");
        partner.createContext("/partner/send_test", exchange -> answer(exchange, 200, "{\"id\":\"no interview id\"}"));
        try {
            int before = reported.size();
            assertThatThrownBy(() -> gh.assessments().sendTest(application, "12345", "My First Test", "s@example.org"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("send_test");
            assertThat(reported).hasSize(before + 1);
            assertThat(reported.get(before).path("api_call").asText()).isEqualTo("send_test");
        } finally {
            partner.removeContext("/partner/send_test");
            partner.createContext("/partner/send_test", exchange -> {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                answer(exchange, 200, "{\"partner_interview_id\":\"interview-" + request.path("url").asText().replaceAll(".*/", "") + "\"}");
            });
        }
    }

    private static void assertShapeOfDocumentedReport(JsonNode report) throws IOException {
        HarvestVendorContractTest.assertShapeOf(report,
                HarvestVendorContractTest.example("greenhouse-assessment-partner", "response_error_request.json"), "response_error");
    }

    private HttpResponse<String> patch(long testId, String key) {
        return Http.send("PATCH", sandbox.greenhouseBaseUrl() + GreenhouseAssessments.COMPLETION_PATH + testId, null,
                "Authorization", Http.basic(key));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 10 s").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
