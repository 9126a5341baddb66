package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.testing.Http;
import io.atsbridge.sandbox.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Greenhouse simulator over real HTTP: auth, On-Behalf-Of, typed custom fields, notes, moves and webhooks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GreenhouseSimulatorTest {

    private static final String KEY = "harvest-key-for-tests";
    private static final String SECRET = "greenhouse-webhook-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private GreenhouseSimulator gh;
    private GreenhouseUser recruiter;
    private GreenhouseJob job;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder()
                .greenhouseApiKey(KEY)
                .greenhouseRateLimit(10_000)
                .greenhouseWebhookSecret(SECRET)
                .retryTimeScale(1.0 / 600)
                .build());
        gh = sandbox.greenhouse();
        recruiter = gh.addUser("Boone", "Carlyle", "boone@example.com");
        job = gh.addJob("Staff Engineer", "Application Review", "AI Interview", "Onsite", "Offer");
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI Score", "ai_score", CustomFieldType.NUMBER);
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI Summary", "ai_summary", CustomFieldType.SHORT_TEXT);
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI Recommendation", "ai_recommendation",
                CustomFieldType.SINGLE_SELECT, "Advance", "Maybe", "Pass");
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI Report", "ai_report_url", CustomFieldType.URL);
        gh.addCustomField(CustomFieldScope.APPLICATION, "AI Interview Score", "ai_interview_score", CustomFieldType.NUMBER);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void requestsWithoutOrWithWrongKeyAre401() throws Exception {
        HttpResponse<String> none = Http.get(url("/v1/candidates"));
        HttpResponse<String> wrong = Http.get(url("/v1/candidates"), "Authorization", Http.basic("not-the-key"));
        HttpResponse<String> keyAsPassword = Http.get(url("/v1/candidates"), "Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString((":" + KEY).getBytes(StandardCharsets.UTF_8)));

        for (HttpResponse<String> response : List.of(none, wrong, keyAsPassword)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).path("message").asText()).contains("Basic Auth");
        }
        assertThat(Http.get(url("/v1/candidates"), "Authorization", Http.basic(KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void writesNeedOnBehalfOfAnExistingUser() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("John", "Locke").build());
        String body = "{\"title\":\"Man of Mystery\"}";
        String path = "/v1/candidates/" + candidate;

        HttpResponse<String> missing = Http.send("PATCH", url(path), body, "Authorization", Http.basic(KEY));
        HttpResponse<String> unknown = Http.send("PATCH", url(path), body, "Authorization", Http.basic(KEY), "On-Behalf-Of", "999999");

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(missing.body()).path("message").asText()).contains("On-Behalf-Of");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(get(path).path("title").isNull()).isTrue();
        assertThat(gh.writes()).filteredOn(w -> w.path().equals(path))
                .extracting(HarvestWrite::status).containsExactly(403, 403);

        HttpResponse<String> ok = patch(path, body);
        assertThat(ok.statusCode()).isEqualTo(200);
        // Harvest documents the PATCH response as the candidate in a one-element array.
        assertThat(JSON.readTree(ok.body()).get(0).path("title").asText()).isEqualTo("Man of Mystery");
        HarvestWrite last = gh.writes().get(gh.writes().size() - 1);
        assertThat(last.method()).isEqualTo("PATCH");
        assertThat(last.onBehalfOf()).isEqualTo(String.valueOf(recruiter.id()));
        assertThat(last.body()).isEqualTo(body);
        assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("10000");
    }

    @Test
    void everyBadlyTypedCustomFieldIs422NamingTheFieldAndChangesNothing() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Kate", "Austen").build());
        String path = "/v1/candidates/" + candidate;
        Instant before = gh.candidateUpdatedAt(candidate);
        List<String[]> bad = List.of(
                new String[]{"ai_score", "{\"name_key\":\"ai_score\",\"value\":\"eighty\"}"},
                new String[]{"ai_summary", "{\"name_key\":\"ai_summary\",\"value\":\"" + "x".repeat(256) + "\"}"},
                new String[]{"ai_recommendation", "{\"name_key\":\"ai_recommendation\",\"value\":\"Strong yes\"}"},
                new String[]{"ai_report_url", "{\"name_key\":\"ai_report_url\",\"value\":\"reports/42\"}"},
                new String[]{"no_such_field", "{\"name_key\":\"no_such_field\",\"value\":\"x\"}"});

        for (String[] c : bad) {
            // A valid element next to the bad one must not be applied either.
            HttpResponse<String> response = patch(path, "{\"custom_fields\":[{\"name_key\":\"ai_score\",\"value\":12},"
                    + c[1] + "],\"tags\":[\"should-not-stick\"]}");
            assertThat(response.statusCode()).as(c[0]).isEqualTo(422);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("message").asText()).isEqualTo("Validation error");
            assertThat(error.path("errors")).extracting(e -> e.path("field").asText()).containsExactly(c[0]);
        }

        JsonNode fields = get(path).path("keyed_custom_fields");
        assertThat(fields.path("ai_score").path("value").isNull()).isTrue();
        assertThat(fields.path("ai_summary").path("value").isNull()).isTrue();
        assertThat(gh.customFieldValues(CustomFieldScope.CANDIDATE, candidate)).isEmpty();
        assertThat(gh.tags(candidate)).isEmpty();
        assertThat(gh.candidateUpdatedAt(candidate)).isEqualTo(before);
    }

    @Test
    void wellTypedCustomFieldsAreStoredAndShownKeyed() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Jack", "Shephard").build());
        CustomFieldDefinition recommendation = gh.customFields(CustomFieldScope.CANDIDATE).stream()
                .filter(f -> f.nameKey().equals("ai_recommendation")).findFirst().orElseThrow();
        long maybe = recommendation.optionNamed("Maybe").orElseThrow().id();
        String path = "/v1/candidates/" + candidate;
        Instant before = gh.candidateUpdatedAt(candidate);

        HttpResponse<String> response = patch(path, "{\"custom_fields\":["
                + "{\"name_key\":\"ai_score\",\"value\":\"87.5\"},"
                + "{\"name_key\":\"ai_summary\",\"value\":\"Strong <systems> answers\"},"
                + "{\"id\":" + recommendation.id() + ",\"value\":" + maybe + "},"
                + "{\"name_key\":\"ai_report_url\",\"value\":\"https://ai.example/reports/42\"}],"
                + "\"tags\":[\"AI screened\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode keyed = get(path).path("keyed_custom_fields");
        assertThat(keyed.path("ai_score").path("value").decimalValue()).isEqualByComparingTo("87.5");
        assertThat(keyed.path("ai_score").path("type").asText()).isEqualTo("number");
        assertThat(keyed.path("ai_summary").path("value").asText()).isEqualTo("Strong <systems> answers");
        assertThat(keyed.path("ai_recommendation").path("value").asText()).isEqualTo("Maybe");
        assertThat(keyed.path("ai_recommendation").path("name").asText()).isEqualTo("AI Recommendation");
        assertThat(keyed.path("ai_report_url").path("value").asText()).isEqualTo("https://ai.example/reports/42");
        assertThat(get(path).path("custom_fields").path("ai_recommendation").asText()).isEqualTo("Maybe");
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "ai_score")).isEqualTo(new BigDecimal("87.5"));
        assertThat(gh.tags(candidate)).containsExactly("AI screened");
        assertThat(gh.candidateUpdatedAt(candidate)).isAfter(before);

        // The exact option name works as well as its id.
        assertThat(patch(path, "{\"custom_fields\":[{\"name_key\":\"ai_recommendation\",\"value\":\"Advance\"}]}").statusCode())
                .isEqualTo(200);
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "ai_recommendation")).isEqualTo("Advance");
    }

    @Test
    void deleteValueMustBeTheStringTrue() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Sawyer", "Ford").build());
        gh.setCustomField(CustomFieldScope.CANDIDATE, candidate, "ai_score", 70);
        String path = "/v1/candidates/" + candidate;

        HttpResponse<String> booleanTrue = patch(path, "{\"custom_fields\":[{\"name_key\":\"ai_score\",\"delete_value\":true}]}");
        assertThat(booleanTrue.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(booleanTrue.body()).path("errors").get(0).path("field").asText()).isEqualTo("ai_score");
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "ai_score")).isEqualTo(new BigDecimal("70"));

        HttpResponse<String> stringTrue = patch(path, "{\"custom_fields\":[{\"name_key\":\"ai_score\",\"delete_value\":\"true\"}]}");
        assertThat(stringTrue.statusCode()).isEqualTo(200);
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "ai_score")).isNull();
        assertThat(get(path).path("keyed_custom_fields").path("ai_score").path("value").isNull()).isTrue();
    }

    @Test
    void applicationCustomFieldsArePatchedOnTheApplication() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Hugo", "Reyes").build());
        long application = gh.addApplication(candidate, job.id());

        HttpResponse<String> bad = patch("/v1/applications/" + application,
                "{\"custom_fields\":[{\"name_key\":\"ai_score\",\"value\":5}]}");
        assertThat(bad.statusCode()).as("a candidate field is not an application field").isEqualTo(422);

        HttpResponse<String> ok = patch("/v1/applications/" + application,
                "{\"custom_fields\":[{\"name_key\":\"ai_interview_score\",\"value\":64}]}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("keyed_custom_fields").path("ai_interview_score").path("value").asInt()).isEqualTo(64);
        assertThat(get("/v1/applications/" + application).path("custom_fields").path("ai_interview_score").asInt()).isEqualTo(64);
    }

    @Test
    void noteIsCreatedWithVisibilityAndUser() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Ben", "Linus").build());
        String notes = "/v1/candidates/" + candidate + "/activity_feed/notes";

        HttpResponse<String> invalid = post(notes, "{\"user_id\":" + recruiter.id() + ",\"body\":\"x\",\"visibility\":\"everyone\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(invalid.body()).path("errors").get(0).path("field").asText()).isEqualTo("visibility");
        assertThat(gh.notes(candidate)).isEmpty();

        HttpResponse<String> created = post(notes, "{\"user_id\":\"" + recruiter.id()
                + "\",\"body\":\"AI interview: advance (score 82/100)\",\"visibility\":\"private\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode note = JSON.readTree(created.body());
        assertThat(note.path("visibility").asText()).isEqualTo("private");
        assertThat(note.path("visiblity").asText()).isEqualTo("private");
        assertThat(note.path("private").asBoolean()).isTrue();
        assertThat(note.path("user").path("id").asLong()).isEqualTo(recruiter.id());
        assertThat(note.path("user").path("name").asText()).isEqualTo("Boone Carlyle");
        assertThat(gh.notes(candidate)).singleElement()
                .satisfies(n -> assertThat(n.body()).isEqualTo("AI interview: advance (score 82/100)"));
        JsonNode feed = get("/v1/candidates/" + candidate + "/activity_feed");
        assertThat(feed.path("notes").get(0).path("id").asLong()).isEqualTo(note.path("id").asLong());
    }

    @Test
    void staleMoveIs422AndAMoveSendsASignedStageChangeWebhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            gh.configureWebhook(receiver.url(), SECRET);
            long candidate = gh.addCandidate(NewCandidate.builder("Giuseppe", "Hurley")
                    .title("<b>Staff</b> Engineer & Mentor").email("giuseppe@example.com").build());
            long application = gh.addApplication(candidate, job.id());
            JobStage first = job.stages().get(0);
            JobStage aiInterview = job.stages().get(1);
            String move = "/v1/applications/" + application + "/move";

            HttpResponse<String> stale = post(move, "{\"from_stage_id\":" + aiInterview.id() + ",\"to_stage_id\":" + aiInterview.id() + "}");
            assertThat(stale.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(stale.body()).path("errors").get(0).path("field").asText()).isEqualTo("from_stage_id");
            assertThat(gh.application(application).currentStage()).isEqualTo(first);

            HttpResponse<String> moved = post(move, "{\"from_stage_id\":" + first.id() + ",\"to_stage_id\":" + aiInterview.id() + "}");
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            assertThat(JSON.readTree(moved.body()).path("current_stage").path("id").asLong()).isEqualTo(aiInterview.id());
            assertThat(gh.application(application).currentStage()).isEqualTo(aiInterview);

            List<WebhookReceiver.Received> received = receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(10));
            assertThat(received).hasSize(1);
            WebhookReceiver.Received hook = received.get(0);
            assertThat(hook.header("Signature")).isEqualTo("sha256 " + hmacHex(SECRET, hook.body()));
            assertThat(hook.header("Greenhouse-Event-ID")).isNotBlank();
            assertThat(hook.header("Content-Type")).startsWith("application/json");
            assertThat(hook.bodyText()).contains("\\u003cb\\u003eStaff\\u003c/b\\u003e Engineer \\u0026 Mentor")
                    .doesNotContain("<b>");
            JsonNode event = JSON.readTree(hook.body());
            assertThat(event.path("action").asText()).isEqualTo("candidate_stage_change");
            JsonNode app = event.path("payload").path("application");
            assertThat(app.path("id").asLong()).isEqualTo(application);
            assertThat(app.path("current_stage").path("id").asLong()).isEqualTo(aiInterview.id());
            assertThat(app.path("candidate").path("id").asLong()).isEqualTo(candidate);
            assertThat(app.path("candidate").path("title").asText()).isEqualTo("<b>Staff</b> Engineer & Mentor");
            assertThat(app.path("jobs").get(0).path("id").asLong()).isEqualTo(job.id());
            assertThat(get("/v1/candidates/" + candidate + "/activity_feed").path("activities").get(0).path("subject").asText())
                    .isEqualTo("Candidate Stage Change");
        } finally {
            gh.configureWebhook(null, SECRET);
        }
    }

    @Test
    void failedDeliveriesAreRetriedWithTheSameEventId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answer(500, 500)) {
            gh.configureWebhook(receiver.url(), SECRET);
            long candidate = gh.addCandidate(NewCandidate.builder("Claire", "Littleton").build());
            long application = gh.addApplication(candidate, job.id());

            String eventId = gh.moveApplication(application, job.stages().get(2).id(), recruiter.id());

            List<WebhookReceiver.Received> received = receiver.await(r -> r.size() >= 3, Duration.ofSeconds(20));
            assertThat(received).hasSize(3);
            assertThat(received).extracting(r -> r.header("Greenhouse-Event-ID")).containsOnly(eventId);
            assertThat(received).extracting(WebhookReceiver.Received::bodyText).containsOnly(received.get(0).bodyText());
            List<WebhookAttempt> attempts = awaitAttempts(eventId, 3);
            assertThat(attempts).extracting(WebhookAttempt::attempt).containsExactly(1, 2, 3);
            assertThat(attempts).extracting(WebhookAttempt::statusCode).containsExactly(500, 500, 200);
            assertThat(attempts.get(2).delivered()).isTrue();
            assertThat(attempts.get(2).last()).isTrue();

            // A replay sends the same bytes under the same id again.
            gh.replayWebhook(eventId);
            List<WebhookReceiver.Received> replayed = receiver.await(r -> r.size() >= 4, Duration.ofSeconds(10));
            assertThat(replayed.get(3).header("Greenhouse-Event-ID")).isEqualTo(eventId);
            assertThat(replayed.get(3).body()).isEqualTo(received.get(0).body());
        } finally {
            gh.configureWebhook(null, SECRET);
        }
    }

    @Test
    void newApplicationSendsNewCandidateApplication() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            gh.configureWebhook(receiver.url(), SECRET);
            long candidate = gh.addCandidate(NewCandidate.builder("Desmond", "Hume").email("des@example.com").build());

            long application = gh.newApplication(candidate, job.id());

            List<WebhookReceiver.Received> received = receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(10));
            JsonNode event = JSON.readTree(received.get(0).body());
            assertThat(event.path("action").asText()).isEqualTo("new_candidate_application");
            assertThat(event.path("payload").path("application").path("id").asLong()).isEqualTo(application);
            assertThat(event.path("payload").path("application").path("candidate").path("email_addresses").get(0)
                    .path("value").asText()).isEqualTo("des@example.com");
            assertThat(received.get(0).header("Signature")).isEqualTo("sha256 " + hmacHex(SECRET, received.get(0).body()));
        } finally {
            gh.configureWebhook(null, SECRET);
        }
    }

    @Test
    void jobsStagesAndCustomFieldDefinitionsAreListed() throws Exception {
        JsonNode stages = get("/v1/jobs/" + job.id() + "/stages");
        assertThat(stages).extracting(s -> s.path("name").asText())
                .containsExactly("Application Review", "AI Interview", "Onsite", "Offer");
        assertThat(get("/v1/jobs/" + job.id()).path("name").asText()).isEqualTo("Staff Engineer");

        JsonNode fields = get("/v1/custom_fields/candidate");
        JsonNode recommendation = null;
        for (JsonNode field : fields) {
            if (field.path("name_key").asText().equals("ai_recommendation")) {
                recommendation = field;
            }
        }
        assertThat(recommendation).isNotNull();
        assertThat(recommendation.path("field_type").asText()).isEqualTo("candidate");
        assertThat(recommendation.path("value_type").asText()).isEqualTo("single_select");
        assertThat(recommendation.path("custom_field_options")).extracting(o -> o.path("name").asText())
                .containsExactly("Advance", "Maybe", "Pass");
        HttpResponse<String> missing = Http.get(url("/v1/candidates/999999999"), "Authorization", Http.basic(KEY));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("message").asText()).contains("999999999");
        HttpResponse<String> unknownRoute = Http.get(url("/v1/no_such_endpoint"), "Authorization", Http.basic(KEY));
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownRoute.body()).path("message").asText()).startsWith("Resource not found");
    }

    @Test
    void aDeletedCustomFieldIsListedOnlyWhenInactiveFieldsAreAskedFor() throws Exception {
        gh.addCustomField(CustomFieldScope.CANDIDATE, "Legacy score", "legacy_score", CustomFieldType.NUMBER);
        CustomFieldDefinition deleted = gh.deactivateCustomField(CustomFieldScope.CANDIDATE, "legacy_score");

        assertThat(deleted.active()).isFalse();
        assertThat(gh.customFields(CustomFieldScope.CANDIDATE)).filteredOn(f -> f.nameKey().equals("legacy_score"))
                .singleElement().satisfies(f -> assertThat(f.active()).isFalse());
        JsonNode byDefault = get("/v1/custom_fields/candidate");
        assertThat(byDefault).extracting(f -> f.path("name_key").asText()).contains("ai_score").doesNotContain("legacy_score");
        assertThat(byDefault).extracting(f -> f.path("active").asBoolean()).containsOnly(true);
        assertThat(get("/v1/custom_fields/candidate?include_inactive=false"))
                .extracting(f -> f.path("name_key").asText()).doesNotContain("legacy_score");
        JsonNode all = get("/v1/custom_fields/candidate?include_inactive=true");
        assertThat(all).filteredOn(f -> f.path("name_key").asText().equals("legacy_score")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path("active").isBoolean()).isTrue();
                    assertThat(f.path("active").asBoolean()).isFalse();
                    assertThat(f.path("id").asLong()).isEqualTo(deleted.id());
                });
        assertThat(all).filteredOn(f -> f.path("name_key").asText().equals("ai_score")).singleElement()
                .satisfies(f -> assertThat(f.path("active").asBoolean()).isTrue());
    }

    @Test
    void writingToADeletedCustomFieldIs422NamingTheFieldAndChangesNothing() throws Exception {
        gh.addCustomField(CustomFieldScope.CANDIDATE, "Old headline", "old_headline", CustomFieldType.SHORT_TEXT);
        long candidate = gh.addCandidate(NewCandidate.builder("Ana Lucia", "Cortez").build());
        gh.setCustomField(CustomFieldScope.CANDIDATE, candidate, "old_headline", "set before it was deleted");
        gh.deactivateCustomField(CustomFieldScope.CANDIDATE, "old_headline");
        String path = "/v1/candidates/" + candidate;
        Instant before = gh.candidateUpdatedAt(candidate);

        for (String element : List.of("{\"name_key\":\"old_headline\",\"value\":\"new\"}",
                "{\"name_key\":\"old_headline\",\"delete_value\":\"true\"}")) {
            HttpResponse<String> refused = patch(path, "{\"custom_fields\":[{\"name_key\":\"ai_score\",\"value\":70},"
                    + element + "]}");

            assertThat(refused.statusCode()).as(element).isEqualTo(422);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.path("message").asText()).isEqualTo("Validation error");
            assertThat(body.path("errors")).singleElement().satisfies(error -> {
                assertThat(error.path("field").asText()).isEqualTo("old_headline");
                assertThat(error.path("message").asText()).contains("inactive", "deleted in Greenhouse",
                        "include_inactive=true");
            });
        }
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "old_headline"))
                .isEqualTo("set before it was deleted");
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "ai_score")).isNull();
        assertThat(gh.candidateUpdatedAt(candidate)).isEqualTo(before);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gh.setCustomField(CustomFieldScope.CANDIDATE, candidate,
                        "old_headline", "edited by hand"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inactive");
    }

    @Test
    void advanceAndTagEndpointsChangeTheRecord() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Rose", "Nadler").tag("Referral").build());
        long application = gh.addApplication(candidate, job.id());
        long tag = gh.addTag("AI screened");

        HttpResponse<String> advanced = post("/v1/applications/" + application + "/advance",
                "{\"from_stage_id\":" + job.stages().get(0).id() + "}");
        HttpResponse<String> applied = Http.send("PUT", url("/v1/candidates/" + candidate + "/tags/" + tag), null,
                "Authorization", Http.basic(KEY), "On-Behalf-Of", String.valueOf(recruiter.id()));
        HttpResponse<String> removed = Http.send("DELETE", url("/v1/candidates/" + candidate + "/tags/" + gh.addTag("Referral")), null,
                "Authorization", Http.basic(KEY), "On-Behalf-Of", String.valueOf(recruiter.id()));

        assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(200);
        assertThat(gh.application(application).currentStage()).isEqualTo(job.stages().get(1));
        assertThat(applied.statusCode()).isEqualTo(201);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(gh.tags(candidate)).containsExactly("AI screened");
        assertThat(get("/v1/tags/candidate")).extracting(t -> t.path("name").asText()).contains("AI screened", "Referral");
    }

    private List<WebhookAttempt> awaitAttempts(String eventId, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (gh.webhookAttempts(eventId).size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return gh.webhookAttempts(eventId);
    }

    private String url(String path) {
        return sandbox.greenhouseBaseUrl() + path;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = Http.get(url(path), "Authorization", Http.basic(KEY));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> patch(String path, String body) {
        return Http.send("PATCH", url(path), body, "Authorization", Http.basic(KEY), "On-Behalf-Of", String.valueOf(recruiter.id()));
    }

    private HttpResponse<String> post(String path, String body) {
        return Http.send("POST", url(path), body, "Authorization", Http.basic(KEY), "On-Behalf-Of", String.valueOf(recruiter.id()));
    }

    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
