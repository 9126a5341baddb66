package io.atsbridge.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.contract.ContractChecker;
import io.atsbridge.sandbox.contract.ContractViolation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Greenhouse Assessment Partner API end to end, every service on its own database: the test plays
 * Greenhouse (list_tests, send_test, test_status, response_error with the partner key over HTTP Basic),
 * the sandbox AI vendor interviews the candidate and completes by itself, and atsbridge PATCHes the
 * completion URL the test serves before test_status reports the score the sandbox generated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class PartnerAssessmentEndToEndTest {

    private static final String PARTNER_KEY = "gh-partner-key-0123456789abcdef";
    private static final String TEST_ID = "backend-engineer-v1";
    private static final String TEST_NAME = "Backend engineer AI interview";

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private final List<String[]> completions = new CopyOnWriteArrayList<>();
    /** The test's own exchanges with edge-gateway's partner endpoints that left Greenhouse's Assessment Partner API. */
    private final List<ContractViolation> partnerViolations = new CopyOnWriteArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private DemoEnvironment demo;
    private HttpServer greenhouse;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("partner_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        Map<String, String> adapter = properties.get("adapter");
        adapter.put("atsbridge.adapter.worker.poll-interval", "50ms");
        String ai = "atsbridge.connections." + DemoScenario.AI_CONNECTION + ".";
        adapter.put(ai + "partner-api-key", PARTNER_KEY);
        adapter.put(ai + "tests", TEST_ID + ":" + TEST_NAME);
        // The test plays Greenhouse on loopback; in production only app.greenhouse.io is called back.
        adapter.put(ai + "partner-completion-hosts", "127.0.0.1");
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-partner"), Map.of(), List.of("US-NY-NYC"), 20261123L,
                0, true, properties, Duration.ofMillis(300));
        CapturedLogs.watch(demo.neverLogged());
        greenhouse = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        greenhouse.createContext("/integrations/testing_partners/take_home_tests/", exchange -> {
            completions.add(new String[]{exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    String.valueOf(exchange.getRequestBody().readAllBytes().length)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        greenhouse.start();
    }

    /**
     * Every exchange with the simulators in the test kept to the vendor's published contract (sandbox/.../contracts),
     * and so did every exchange the test (playing Greenhouse) had with edge-gateway's partner endpoints.
     */
    @AfterEach
    void keptToTheVendorsContracts() {
        try {
            demo.sandbox.assertNoContractViolations();
            assertThat(partnerViolations).as("exchanges with the partner endpoints that left Greenhouse's Assessment"
                    + " Partner API (contracts/greenhouse-assessment-partner)").isEmpty();
        } finally {
            demo.sandbox.clearContractViolations();
            partnerViolations.clear();
        }
    }

    @AfterAll
    void stop() {
        if (greenhouse != null) {
            greenhouse.stop(0);
        }
        if (demo != null) {
            demo.close();
        }
        databases.values().forEach(TestDatabase::close);
    }

    @Test
    void listSendCompleteAndStatusAsGreenhouseDoes() throws Exception {
        HttpResponse<String> tests = call("GET", "list_tests", PARTNER_KEY, null);
        assertThat(tests.statusCode()).isEqualTo(200);
        JsonNode list = mapper.readTree(tests.body());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("partner_test_id").asText()).isEqualTo(TEST_ID);
        assertThat(list.get(0).get("partner_test_name").asText()).isEqualTo(TEST_NAME);

        String completionPath = "/integrations/testing_partners/take_home_tests/12345";
        String completionUrl = "http://127.0.0.1:" + greenhouse.getAddress().getPort() + completionPath;
        String sendTest = """
                {"partner_test_id": "%s",
                 "candidate": {"first_name": "Harry", "last_name": "Potter", "preferred_name": "The Chosen One",
                   "resume_url": "https://hogwarts.com/resume", "phone_number": "123-456-7890",
                   "email": "hpotter@hogwarts.edu",
                   "greenhouse_profile_url": "https://app.greenhouse.io/people/17681532?application_id=26234709"},
                 "sent_by": "test_sender@example.org", "url": "%s"}""".formatted(TEST_ID, completionUrl);
        HttpResponse<String> sent = call("POST", "send_test", PARTNER_KEY, sendTest);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String interviewId = mapper.readTree(sent.body()).get("partner_interview_id").asText();
        assertThat(interviewId).isNotBlank();

        // A retried send_test (same completion URL) yields the same interview, not a second one.
        HttpResponse<String> again = call("POST", "send_test", PARTNER_KEY, sendTest);
        assertThat(mapper.readTree(again.body()).get("partner_interview_id").asText()).isEqualTo(interviewId);
        assertThat(demo.sandbox.aiVendor().interviews().stream().filter(i -> i.id().equals(interviewId)).count()).isEqualTo(1);

        awaitTrue("Greenhouse's completion URL is PATCHed", () -> !completions.isEmpty());
        String[] patch = completions.get(0);
        assertThat(patch[0]).isEqualTo("PATCH");
        assertThat(patch[1]).isEqualTo(completionPath);
        assertThat(patch[2]).isEqualTo("Basic " + Base64.getEncoder().encodeToString((PARTNER_KEY + ":").getBytes(StandardCharsets.UTF_8)));
        assertThat(patch[3]).isEqualTo("0");

        Interview interview = demo.sandbox.aiVendor().interviews().stream().filter(i -> i.id().equals(interviewId))
                .findFirst().orElseThrow();
        assertThat(interview.result()).isNotNull();

        HttpResponse<String> status = call("GET", "test_status?partner_interview_id=" + interviewId, PARTNER_KEY, null);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        JsonNode answer = mapper.readTree(status.body());
        assertThat(answer.get("partner_status").asText()).isEqualTo("complete");
        assertThat(answer.get("partner_score").isNumber()).isTrue();
        assertThat(answer.get("partner_score").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(interview.result().score()));
        assertThat(answer.get("partner_profile_url").asText()).isNotBlank();
        assertThat(answer.get("metadata").isObject()).isTrue();
        for (JsonNode value : answer.get("metadata")) {
            assertThat(value.isValueNode()).isTrue();
        }

        HttpResponse<String> error = call("POST", "response_error", PARTNER_KEY, """
                {"api_call": "test_status", "errors": ["partner_status is 'complete' but partner_profile url is missing"],
                 "partner_test_id": "%s", "partner_test_name": "%s", "partner_interview_id": "%s",
                 "candidate_email": "hpotter@hogwarts.edu"}""".formatted(TEST_ID, TEST_NAME, interviewId));
        assertThat(error.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(error.body()).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void greenhouseAsTheSandboxPlaysItTakesEveryAnswerAndRecordsTheResult() {
        // The sandbox's Greenhouse checks each answer as Greenhouse documents it and reports malformed ones through
        // response_error: a complete without partner_profile_url, a score that is not a number, nested metadata.
        var assessments = demo.sandbox.greenhouse().assessments();
        assessments.connectPartner(gateway() + "/partners/greenhouse/" + DemoScenario.AI_CONNECTION, PARTNER_KEY);
        assertThat(assessments.listTests()).containsEntry(TEST_ID, TEST_NAME);
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(0);
        var test = assessments.sendTest(seeded.applicationId(), TEST_ID, TEST_NAME, "recruiter@example.com");

        awaitTrue("Greenhouse has the completed result", () -> "complete".equals(
                assessments.test(test.id()).orElseThrow().partnerStatus()));
        var done = assessments.test(test.id()).orElseThrow();
        assertThat(done.partnerProfileUrl()).isNotBlank();
        assertThat(done.partnerScore().isNumber()).isTrue();
        assertThat(done.metadata().values()).allSatisfy(value -> assertThat(value.isValueNode()).isTrue());
        assertThat(done.completionPatches()).isEqualTo(1);
        assertThat(assessments.responseErrors()).as("nothing malformed").isEmpty();
    }

    @Test
    void wrongOrMissingPartnerKeyIs401() throws Exception {
        for (String endpoint : List.of("list_tests", "test_status?partner_interview_id=1")) {
            HttpResponse<String> wrong = call("GET", endpoint, "not-the-partner-key-000000", null);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain(PARTNER_KEY);
            assertThat(call("GET", endpoint, null, null).statusCode()).isEqualTo(401);
        }
        long before = demo.sandbox.aiVendor().interviews().size();
        HttpResponse<String> send = call("POST", "send_test", PARTNER_KEY + "x",
                "{\"partner_test_id\":\"" + TEST_ID + "\",\"candidate\":{\"email\":\"a@b.c\"},\"url\":\"http://127.0.0.1:1/x\"}");
        assertThat(send.statusCode()).isEqualTo(401);
        assertThat(demo.sandbox.aiVendor().interviews()).hasSize((int) before);
    }

    @Test
    void completionUrlOnAHostTheConnectionDoesNotAllowIsRefusedAndNothingHappens() throws Exception {
        long assessments = databases.get("adapter").count("assessment_partner_assessment");
        int interviews = demo.sandbox.aiVendor().interviews().size();
        HttpResponse<String> refused = call("POST", "send_test", PARTNER_KEY, """
                {"partner_test_id": "%s", "candidate": {"first_name": "A", "last_name": "B", "email": "a@example.com"},
                 "url": "https://attacker.example/integrations/testing_partners/take_home_tests/1"}""".formatted(TEST_ID));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("COMPLETION_URL_HOST_NOT_ALLOWED").doesNotContain(PARTNER_KEY);
        assertThat(databases.get("adapter").count("assessment_partner_assessment")).isEqualTo(assessments);
        assertThat(demo.sandbox.aiVendor().interviews()).hasSize(interviews);
    }

    @Test
    void unknownInterviewTestOrConnectionIs404() throws Exception {
        assertThat(call("GET", "test_status?partner_interview_id=does-not-exist", PARTNER_KEY, null).statusCode())
                .isEqualTo(404);
        assertThat(call("POST", "send_test", PARTNER_KEY, "{\"partner_test_id\":\"no-such-test\",\"candidate\":"
                + "{\"email\":\"a@b.c\",\"first_name\":\"A\",\"last_name\":\"B\"},\"url\":\"http://127.0.0.1:1/x\"}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(gateway()
                        + "/partners/greenhouse/no-such-connection/list_tests"))
                .header("Authorization", basic(PARTNER_KEY)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        // The ATS connection offers no partner API, whatever the key.
        HttpResponse<String> ats = client.send(HttpRequest.newBuilder(URI.create(gateway()
                        + "/partners/greenhouse/" + DemoScenario.ATS_CONNECTION + "/list_tests"))
                .header("Authorization", basic(PARTNER_KEY)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ats.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> call(String method, String endpoint, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway() + "/partners/greenhouse/"
                + DemoScenario.AI_CONNECTION + "/" + endpoint)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("Authorization", basic(key));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // The contract's base is the template /partners/greenhouse/{connectionId}; the connection is not part of it.
        int q = endpoint.indexOf('?');
        String path = "/partners/greenhouse/{connectionId}/" + (q < 0 ? endpoint : endpoint.substring(0, q));
        partnerViolations.addAll(ContractChecker.fromClasspath().check("greenhouse-assessment-partner", method, path,
                q < 0 ? null : endpoint.substring(q + 1), body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                response.statusCode(), response.body().getBytes(StandardCharsets.UTF_8)).violations());
        return response;
    }

    private String gateway() {
        return demo.platform.service("gateway").address();
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition, () -> "AI vendor webhook attempts "
                + demo.sandbox.aiVendor().webhookAttempts() + ", loop " + demo.platform.service("adapter").context()
                .getBean(io.atsbridge.adapter.engine.sync.LoopReport.class).summarize(DemoScenario.TENANT));
    }
}
