package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.testing.Http;
import io.atsbridge.sandbox.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Ashby simulator over real HTTP: auth, envelopes, paging and sync, typed fields, notes, tags, webhooks, assessments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AshbySimulatorTest {

    private static final String KEY = "ashby-key-for-tests";
    private static final String SECRET = "ashby-webhook-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private AshbySimulator ashby;
    private AshbyJob job;
    private AshbyCustomField score;
    private AshbyCustomField summary;
    private AshbyCustomField recommendation;
    private AshbyCustomField skills;
    private AshbyCustomField consented;
    private AshbyCustomField interviewedOn;
    private AshbyCustomField report;
    private AshbyCustomField applicationScore;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder()
                .ashbyApiKey(KEY)
                .ashbyWebhookSecret(SECRET)
                .retryTimeScale(1.0 / 10_000)
                .build());
        ashby = sandbox.ashby();
        job = ashby.addJob("Staff Engineer", "Application Review", "AI Interview", "Onsite", "Offer");
        score = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI Score", AshbyFieldType.NUMBER);
        summary = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI Summary", AshbyFieldType.LONG_TEXT);
        recommendation = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI Recommendation", AshbyFieldType.VALUE_SELECT,
                "Advance", "Maybe", "Pass");
        skills = ashby.addCustomField(AshbyObjectType.CANDIDATE, "Skills", AshbyFieldType.MULTI_VALUE_SELECT,
                "Java", "Go", "SQL");
        consented = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI consent", AshbyFieldType.BOOLEAN);
        interviewedOn = ashby.addCustomField(AshbyObjectType.CANDIDATE, "Interviewed on", AshbyFieldType.DATE);
        report = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI Report", AshbyFieldType.URL);
        applicationScore = ashby.addCustomField(AshbyObjectType.APPLICATION, "AI Interview Score", AshbyFieldType.NUMBER);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        ashby.configureWebhook(null, SECRET);
        ashby.setRateLimit(0);
        ashby.setApiKeyPermissions(AshbyPermissions.ALL);
        ashby.setPrivateFieldAccess(true, AshbySimulator.PrivateNoteWithoutAccess.REFUSE);
        ashby.setIncrementalSyncLimit(0);
    }

    /** A call Ashby answers with another status than 200. */
    private JsonNode callExpecting(int status, String method, String body) throws Exception {
        HttpResponse<String> response = Http.send("POST", url(method), body, "Authorization", Http.basic(KEY),
                "Accept", "application/json; version=1");
        assertThat(response.statusCode()).as(method + " " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private String url(String method) {
        return sandbox.ashbyBaseUrl() + "/" + method;
    }

    private JsonNode call(String method, String body) throws Exception {
        HttpResponse<String> response = Http.send("POST", url(method), body, "Authorization", Http.basic(KEY),
                "Accept", "application/json; version=1");
        assertThat(response.statusCode()).as(method + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode ok(JsonNode answer) {
        assertThat(answer.path("success").asBoolean()).as(answer.toString()).isTrue();
        return answer.path("results");
    }

    /** Ashby's OpenAPI error response: success false, the deprecated errors list and errorInfo, both required. */
    private static void refused(JsonNode answer, String code, String messagePart) {
        assertThat(answer.path("success").asBoolean()).as(answer.toString()).isFalse();
        assertThat(answer.path("errors")).extracting(JsonNode::asText).containsExactly(code);
        assertThat(answer.path("errorInfo").path("code").asText()).isEqualTo(code);
        assertThat(answer.path("errorInfo").path("message").asText()).contains(messagePart);
        assertThat(answer.path("errorInfo").path("requestId").asText()).isNotBlank();
    }

    @Test
    void missingKeyIs401AndWrongKeyIs403() throws Exception {
        String body = "{\"id\": \"x\"}";
        HttpResponse<String> none = Http.send("POST", url("candidate.info"), body);
        HttpResponse<String> wrong = Http.send("POST", url("candidate.info"), body, "Authorization", Http.basic("not-the-key"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).path("errorInfo").path("code").asText()).isEqualTo("missing_api_key");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(wrong.body()).path("errorInfo").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(wrong.body()).doesNotContain(KEY);
    }

    @Test
    void readsCandidateApplicationJobAndStagesInAshbyShapes() throws Exception {
        String candidateId = ashby.addCandidate("Ada King Lovelace", List.of("ada@example.com", "ada@work.example"), List.of("Ruby"));
        String applicationId = ashby.addApplication(candidateId, job.id());

        JsonNode candidate = ok(call("candidate.info", "{\"id\": \"" + candidateId + "\"}"));
        assertThat(candidate.path("name").asText()).isEqualTo("Ada King Lovelace");
        assertThat(candidate.path("primaryEmailAddress").path("value").asText()).isEqualTo("ada@example.com");
        assertThat(candidate.path("primaryEmailAddress").path("isPrimary").asBoolean()).isTrue();
        assertThat(candidate.path("emailAddresses")).hasSize(2);
        assertThat(candidate.path("tags").get(0).path("title").asText()).isEqualTo("Ruby");
        assertThat(candidate.path("applicationIds").get(0).asText()).isEqualTo(applicationId);
        assertThat(candidate.path("updatedAt").asText()).endsWith("Z");

        JsonNode application = ok(call("application.info", "{\"applicationId\": \"" + applicationId + "\"}"));
        assertThat(application.path("status").asText()).isEqualTo("Active");
        assertThat(application.path("candidate").path("id").asText()).isEqualTo(candidateId);
        assertThat(application.path("currentInterviewStage").path("title").asText()).isEqualTo("Application Review");
        assertThat(application.path("currentInterviewStage").path("orderInInterviewPlan").asInt()).isZero();
        assertThat(application.path("job").path("title").asText()).isEqualTo("Staff Engineer");

        JsonNode jobJson = ok(call("job.info", "{\"id\": \"" + job.id() + "\"}"));
        assertThat(jobJson.path("interviewPlanIds").get(0).asText()).isEqualTo(job.interviewPlanId());
        JsonNode stages = ok(call("interviewStage.list", "{\"interviewPlanId\": \"" + job.interviewPlanId() + "\"}"));
        List<String> titles = new ArrayList<>();
        stages.forEach(s -> titles.add(s.path("title").asText()));
        assertThat(titles).containsExactly("Application Review", "AI Interview", "Onsite", "Offer", "Hired", "Archived");
        assertThat(stages.get(5).path("type").asText()).isEqualTo("Archived");
    }

    @Test
    void badInputIsSuccessFalseWithACodeAndChangesNothing() throws Exception {
        String candidateId = ashby.addCandidate("Grace Hopper", "grace@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        String before = ashby.currentStageId(applicationId);

        refused(call("candidate.info", "{}"), "invalid_input", "id: missing");
        refused(call("candidate.info", "{\"id\": \"no-such-candidate\"}"), "candidate_not_found", "no-such-candidate");
        refused(call("application.info", "{\"applicationId\": 42}"), "invalid_input", "applicationId");
        refused(call("application.list", "{\"limit\": 0}"), "invalid_input", "limit");
        refused(call("application.list", "{\"status\": \"Open\"}"), "invalid_input", "status");
        refused(call("candidate.info", "{not json"), "invalid_input", "not valid JSON");
        refused(call("application.changeStage", "{\"applicationId\": \"" + applicationId
                + "\", \"interviewStageId\": \"not-a-stage\"}"), "interview_stage_not_found", "interviewStage.list");
        String archived = job.stageOfType("Archived").orElseThrow().id();
        refused(call("application.changeStage", "{\"applicationId\": \"" + applicationId
                + "\", \"interviewStageId\": \"" + archived + "\"}"), "invalid_input", "archiveReasonId");

        assertThat(ashby.currentStageId(applicationId)).isEqualTo(before);
        assertThat(ashby.calls("application.changeStage")).extracting(AshbyApiCall::errorCode)
                .contains("interview_stage_not_found", "invalid_input");
        HttpResponse<String> unknown = Http.send("POST", url("candidate.teleport"), "{}", "Authorization", Http.basic(KEY));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("candidate.teleport");
        assertThat(ashby.calls("candidate.teleport")).isEmpty();
    }

    @Test
    void applicationListPagesAndSyncTokenReturnsOnlyChangesSinceThePass() throws Exception {
        AshbyJob listed = ashby.addJob("Listed Job", "Screen", "Interview");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(ashby.addApplication(ashby.addCandidate("Candidate " + i, "c" + i + "@example.com"), listed.id()));
        }
        String filter = "\"jobId\": \"" + listed.id() + "\", \"limit\": 2";

        List<String> seen = new ArrayList<>();
        String cursor = null;
        String syncToken = null;
        for (int page = 0; page < 10 && syncToken == null; page++) {
            JsonNode answer = call("application.list", "{" + filter + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"") + "}");
            ok(answer).forEach(a -> seen.add(a.path("id").asText()));
            if (answer.path("moreDataAvailable").asBoolean()) {
                assertThat(answer.has("syncToken")).isFalse();
                cursor = answer.path("nextCursor").asText();
            } else {
                syncToken = answer.path("syncToken").asText();
            }
        }
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(syncToken).isNotBlank();

        // Nothing changed: an incremental pass is empty and hands out a new token.
        JsonNode quiet = call("application.list", "{\"jobId\": \"" + listed.id() + "\", \"syncToken\": \"" + syncToken + "\"}");
        assertThat(ok(quiet)).isEmpty();
        assertThat(quiet.path("moreDataAvailable").asBoolean()).isFalse();

        ashby.moveApplication(created.get(3), listed.stageTitled("Interview").id());
        JsonNode incremental = call("application.list", "{\"jobId\": \"" + listed.id() + "\", \"syncToken\": \"" + syncToken + "\"}");
        assertThat(ok(incremental)).hasSize(1);
        assertThat(ok(incremental).get(0).path("id").asText()).isEqualTo(created.get(3));
        assertThat(ok(incremental).get(0).path("currentInterviewStage").path("title").asText()).isEqualTo("Interview");

        refused(call("application.list", "{\"syncToken\": \"made-up\"}"), "sync_token_invalid", "full sync");
        refused(call("application.list", "{\"cursor\": \"made-up\"}"), "invalid_next_cursor", "nextCursor");
        ashby.expireSyncTokens();
        refused(call("application.list", "{\"syncToken\": \"" + syncToken + "\"}"), "sync_token_expired", "full sync");
    }

    @Test
    void setValueChecksTheFieldTypeAndStoresTypedValues() throws Exception {
        String candidateId = ashby.addCandidate("Alan Turing", "alan@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        Map<AshbyCustomField, String> good = Map.of(
                score, "82.5",
                summary, "\"Clear, structured answers.\"",
                recommendation, "\"Advance\"",
                skills, "[\"Java\", \"SQL\"]",
                consented, "true",
                interviewedOn, "\"2026-03-01\"",
                report, "\"https://ai.example/reports/1\"");
        for (Map.Entry<AshbyCustomField, String> entry : good.entrySet()) {
            ok(call("customField.setValue", setValue("Candidate", candidateId, entry.getKey().id(), entry.getValue())));
        }
        ok(call("customField.setValue", setValue("Application", applicationId, applicationScore.id(), "4")));

        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, score.id()).decimalValue())
                .isEqualByComparingTo("82.5");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, recommendation.id()).asText()).isEqualTo("Advance");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, skills.id()).toString()).isEqualTo("[\"Java\",\"SQL\"]");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, consented.id()).asBoolean()).isTrue();
        assertThat(ashby.customFieldValue(AshbyObjectType.APPLICATION, applicationId, applicationScore.id()).asInt()).isEqualTo(4);
        JsonNode rendered = ok(call("candidate.info", "{\"id\": \"" + candidateId + "\"}")).path("customFields");
        assertThat(rendered).hasSize(7);
        assertThat(rendered.get(0).path("id").asText()).isNotBlank();
        assertThat(rendered.get(0).has("title")).isTrue();

        String other = ashby.addCandidate("Bad Values", "bad@example.com");
        refused(call("customField.setValue", setValue("Candidate", other, score.id(), "\"82\"")), "invalid_input", "JSON number");
        refused(call("customField.setValue", setValue("Candidate", other, recommendation.id(), "\"Hire!\"")), "invalid_input", "Advance");
        refused(call("customField.setValue", setValue("Candidate", other, skills.id(), "\"Java\"")), "invalid_input", "array");
        refused(call("customField.setValue", setValue("Candidate", other, consented.id(), "\"yes\"")), "invalid_input", "true or false");
        refused(call("customField.setValue", setValue("Candidate", other, interviewedOn.id(), "\"yesterday\"")), "invalid_input", "ISO date");
        refused(call("customField.setValue", setValue("Candidate", other, report.id(), "\"ftp://x\"")), "invalid_input", "http");
        refused(call("customField.setValue", setValue("Application", applicationId, score.id(), "1")), "invalid_input", "Candidate field");
        refused(call("customField.setValue", setValue("Candidate", other, "no-such-field", "1")), "custom_field_not_found", "no-such-field");
        refused(call("customField.setValue", setValue("Job", other, score.id(), "1")), "invalid_input", "objectType");
        assertThat(ok(call("candidate.info", "{\"id\": \"" + other + "\"}")).path("customFields")).isEmpty();

        JsonNode definitions = ok(call("customField.list", "{}"));
        JsonNode selectDefinition = null;
        for (JsonNode d : definitions) {
            if (d.path("id").asText().equals(recommendation.id())) {
                selectDefinition = d;
            }
        }
        assertThat(selectDefinition).isNotNull();
        assertThat(selectDefinition.path("fieldType").asText()).isEqualTo("ValueSelect");
        assertThat(selectDefinition.path("selectableValues").get(0).path("value").asText()).isEqualTo("Advance");
    }

    private static String setValue(String objectType, String objectId, String fieldId, String valueJson) {
        return "{\"objectType\": \"" + objectType + "\", \"objectId\": \"" + objectId + "\", \"fieldId\": \"" + fieldId
                + "\", \"fieldValue\": " + valueJson + "}";
    }

    @Test
    void notesAreCreatedPlainOrHtmlAndListedWithCursors() throws Exception {
        String candidateId = ashby.addCandidate("Katherine Johnson", "kj@example.com");

        JsonNode plain = ok(call("candidate.createNote", "{\"candidateId\": \"" + candidateId
                + "\", \"note\": \"AI interview completed.\", \"sendNotifications\": false}"));
        assertThat(plain.path("content").asText()).isEqualTo("AI interview completed.");
        assertThat(plain.path("author").path("id").asText()).isEqualTo(ashby.apiUser().id());
        ok(call("candidate.createNote", "{\"candidateId\": \"" + candidateId
                + "\", \"note\": {\"type\": \"text/html\", \"value\": \"<b>Score</b> 82\"}, \"isPrivate\": true}"));
        ok(call("candidate.createNote", "{\"candidateId\": \"" + candidateId + "\", \"note\": \"Third.\"}"));
        refused(call("candidate.createNote", "{\"candidateId\": \"" + candidateId
                + "\", \"note\": {\"type\": \"text/markdown\", \"value\": \"**x**\"}}"), "invalid_input", "text/plain");
        refused(call("candidate.createNote", "{\"candidateId\": \"" + candidateId + "\"}"), "invalid_input", "note");

        List<AshbyNote> notes = ashby.notes(candidateId);
        assertThat(notes).hasSize(3);
        assertThat(notes.get(1).contentType()).isEqualTo("text/html");
        assertThat(notes.get(1).isPrivate()).isTrue();
        assertThat(notes.get(0).sendNotifications()).isFalse();

        JsonNode first = call("candidate.listNotes", "{\"candidateId\": \"" + candidateId + "\", \"limit\": 2}");
        assertThat(ok(first)).hasSize(2);
        assertThat(first.path("moreDataAvailable").asBoolean()).isTrue();
        JsonNode second = call("candidate.listNotes", "{\"candidateId\": \"" + candidateId + "\", \"limit\": 2, \"cursor\": \""
                + first.path("nextCursor").asText() + "\"}");
        assertThat(ok(second)).hasSize(1);
        assertThat(ok(second).get(0).path("content").asText()).isEqualTo("Third.");
        assertThat(second.path("moreDataAvailable").asBoolean()).isFalse();
    }

    @Test
    void tagsAreCreatedListedAndAddedOnce() throws Exception {
        String candidateId = ashby.addCandidate("Mary Jackson", "mj@example.com");

        JsonNode tag = ok(call("candidateTag.create", "{\"title\": \"AI Interviewed\"}"));
        String tagId = tag.path("id").asText();
        JsonNode again = ok(call("candidateTag.create", "{\"title\": \"ai interviewed\"}"));
        assertThat(again.path("id").asText()).isEqualTo(tagId);
        Set<String> titles = new HashSet<>();
        ok(call("candidateTag.list", "{}")).forEach(t -> titles.add(t.path("title").asText()));
        assertThat(titles).contains("AI Interviewed");

        ok(call("candidate.addTag", "{\"candidateId\": \"" + candidateId + "\", \"tagId\": \"" + tagId + "\"}"));
        JsonNode candidate = ok(call("candidate.addTag", "{\"candidateId\": \"" + candidateId + "\", \"tagId\": \"" + tagId + "\"}"));
        assertThat(candidate.path("tags")).hasSize(1);
        assertThat(ashby.tagTitles(candidateId)).containsExactly("AI Interviewed");
        refused(call("candidate.addTag", "{\"candidateId\": \"" + candidateId + "\", \"tagId\": \"nope\"}"), "tag_not_found", "nope");
        refused(call("candidateTag.create", "{\"title\": \" \"}"), "invalid_input", "title");
    }

    @Test
    void changeStageSendsASignedCandidateStageChangeAndApplicationUpdateWithOneActionId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ashby.configureWebhook(receiver.url(), SECRET);
            String candidateId = ashby.addCandidate("Dorothy Vaughan", "dv@example.com");
            String applicationId = ashby.addApplication(candidateId, job.id());
            String to = job.stageTitled("AI Interview").id();

            JsonNode moved = ok(call("application.changeStage", "{\"applicationId\": \"" + applicationId
                    + "\", \"interviewStageId\": \"" + to + "\"}"));
            assertThat(moved.path("currentInterviewStage").path("id").asText()).isEqualTo(to);

            List<WebhookReceiver.Received> received = receiver.await(r -> r.size() >= 2, Duration.ofSeconds(10));
            assertThat(received).hasSize(2);
            Set<String> actions = new HashSet<>();
            Set<String> actionIds = new HashSet<>();
            for (WebhookReceiver.Received hook : received) {
                assertThat(hook.header("Ashby-Signature")).isEqualTo("sha256=" + hmacHex(SECRET, hook.body()));
                JsonNode body = JSON.readTree(hook.body());
                actions.add(body.path("action").asText());
                actionIds.add(body.path("webhookActionId").asText());
                JsonNode application = body.path("data").path("application");
                assertThat(application.path("id").asText()).isEqualTo(applicationId);
                assertThat(application.path("currentInterviewStage").path("title").asText()).isEqualTo("AI Interview");
                assertThat(application.path("candidate").path("primaryEmailAddress").path("value").asText()).isEqualTo("dv@example.com");
            }
            assertThat(actions).containsExactlyInAnyOrder("candidateStageChange", "applicationUpdate");
            assertThat(actionIds).hasSize(1);
        }
    }

    @Test
    void recruiterActionsSendTheirWebhooks() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ashby.configureWebhook(receiver.url(), SECRET);
            String candidateId = ashby.addCandidate("Hedy Lamarr", "hedy@example.com");
            String applicationId = ashby.submitApplication(candidateId, job.id());
            String hireAction = ashby.hire(applicationId);
            assertThat(ashby.status(applicationId)).isEqualTo("Hired");
            String duplicate = ashby.addCandidate("Hedy L.", "hedy@other.example");
            ashby.mergeCandidates(candidateId, duplicate);
            ashby.deleteCandidate(candidateId);

            List<WebhookReceiver.Received> received = receiver.await(r -> r.size() >= 6, Duration.ofSeconds(10));
            List<String> actions = new ArrayList<>();
            for (WebhookReceiver.Received hook : received) {
                JsonNode body = JSON.readTree(hook.body());
                actions.add(body.path("action").asText());
                if (body.path("webhookActionId").asText().equals(hireAction)) {
                    assertThat(body.path("data").path("application").path("status").asText()).isEqualTo("Hired");
                }
            }
            assertThat(actions).containsExactlyInAnyOrder("applicationSubmit", "candidateHire", "candidateStageChange",
                    "applicationUpdate", "candidateMerge", "candidateDelete");
        }
    }

    @Test
    void failedDeliveriesAreRetriedExceptOnTheCodesAshbyDoesNotRetry() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ashby.configureWebhook(receiver.url(), SECRET);
            receiver.answer(500, 503);
            String retried = ashby.sendRawWebhook("ping", "{\"webhookActionId\":\"a1\",\"action\":\"ping\",\"data\":{}}"
                    .getBytes(StandardCharsets.UTF_8));
            List<WebhookAttempt> attempts = awaitLast(retried);
            assertThat(attempts).extracting(WebhookAttempt::statusCode).containsExactly(500, 503, 200);
            assertThat(attempts).extracting(WebhookAttempt::attempt).containsExactly(1, 2, 3);
            assertThat(attempts.get(2).delivered()).isTrue();
            List<WebhookReceiver.Received> bodies = receiver.received();
            assertThat(bodies).extracting(WebhookReceiver.Received::bodyText).containsOnly(bodies.get(0).bodyText());

            for (int status : List.of(401, 403, 404, 405, 410)) {
                receiver.answer(status);
                String stopped = ashby.sendRawWebhook("ping", ("{\"webhookActionId\":\"s" + status + "\",\"action\":\"ping\",\"data\":{}}")
                        .getBytes(StandardCharsets.UTF_8));
                List<WebhookAttempt> once = awaitLast(stopped);
                assertThat(once).as("status " + status).hasSize(1);
                assertThat(once.get(0).last()).isTrue();
                assertThat(once.get(0).delivered()).isFalse();
            }
        }
        assertThat(AshbyWebhooks.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(AshbyWebhooks.delayAfter(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AshbyWebhooks.delayAfter(4)).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void deliveriesStopAfterTenAttempts() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ashby.configureWebhook(receiver.url(), "");
            Integer[] failures = new Integer[12];
            java.util.Arrays.fill(failures, 500);
            receiver.answer(failures);
            // Ashby waits (2^n - 1) x 10 s after attempt n, about 2.8 h over nine retries; scaled 1/10000 that is about 1 s.
            String id = ashby.sendRawWebhook("ping", "{}".getBytes(StandardCharsets.UTF_8));
            List<WebhookAttempt> attempts = awaitLast(id);
            assertThat(attempts).hasSize(10);
            assertThat(attempts.get(9).last()).isTrue();
            assertThat(receiver.received()).allSatisfy(r -> assertThat(r.header("Ashby-Signature")).as("unsigned").isNull());
        }
    }

    private List<WebhookAttempt> awaitLast(String deliveryId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<WebhookAttempt> attempts = ashby.webhookAttempts(deliveryId);
            if (!attempts.isEmpty() && attempts.get(attempts.size() - 1).last()) {
                return attempts;
            }
            Thread.sleep(20);
        }
        return ashby.webhookAttempts(deliveryId);
    }

    @Test
    void assessmentUpdateIsValidatedAndStored() throws Exception {
        String status = "{\"identifier\": \"status\", \"label\": \"Status\", \"type\": \"string\", \"value\": \"Started\"}";
        String result = "{\"identifier\": \"score\", \"label\": \"Score\", \"type\": \"numeric_score\", \"value\": 82}";
        String profile = "{\"identifier\": \"profile\", \"label\": \"Report\", \"type\": \"url\", \"value\": \"https://ai.example/r/1\"}";

        ok(call("assessment.update", "{\"assessment_id\": \"as-1\", \"timestamp\": 1665680638489, \"assessment_status\": " + status
                + ", \"metadata\": [{\"identifier\": \"eta\", \"label\": \"ETA\", \"type\": \"numeric_duration_minutes\", \"value\": 30}]}"));
        ok(call("assessment.update", "{\"assessment_id\": \"as-1\", \"timestamp\": 1665680639000, \"assessment_status\": "
                + status.replace("Started", "Completed") + ", \"assessment_result\": " + result + ", \"assessment_profile_url\": " + profile + "}"));
        ok(call("assessment.update", "{\"assessment_id\": \"as-2\", \"timestamp\": 1665680640000, \"cancelled_reason\": "
                + "{\"identifier\": \"cancel\", \"label\": \"Cancelled\", \"type\": \"string\", \"value\": \"Candidate withdrew\"}}"));

        refused(call("assessment.update", "{\"timestamp\": 1, \"assessment_status\": " + status + "}"), "invalid_input", "assessment_id");
        refused(call("assessment.update", "{\"assessment_id\": \"as-3\", \"assessment_status\": " + status + "}"), "invalid_input", "timestamp");
        refused(call("assessment.update", "{\"assessment_id\": \"as-3\", \"timestamp\": 1}"), "invalid_input", "cancelled_reason");
        refused(call("assessment.update", "{\"assessment_id\": \"as-3\", \"timestamp\": 1, \"assessment_status\": " + status
                + ", \"assessment_result\": " + result + "}"), "invalid_input", "assessment_profile_url");
        refused(call("assessment.update", "{\"assessment_id\": \"as-3\", \"timestamp\": 1, \"assessment_status\": "
                + "{\"identifier\": \"status\", \"label\": \"Status\", \"type\": \"colour\", \"value\": \"x\"}}"), "invalid_input", "numeric_score");
        refused(call("assessment.update", "{\"assessment_id\": \"as-3\", \"timestamp\": 1, \"assessment_status\": " + status
                + ", \"metadata\": [" + result + ", " + result + "]}"), "invalid_input", "unique");

        List<AssessmentUpdate> updates = ashby.assessmentUpdates("as-1");
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).statusValue()).isEqualTo("Started");
        assertThat(updates.get(1).completes()).isTrue();
        assertThat(updates.get(1).timestamp()).isEqualTo(1665680639000L);
        assertThat(ashby.assessmentUpdates("as-2").get(0).cancels()).isTrue();
        assertThat(ashby.assessmentUpdates("as-3")).as("refused updates are not stored").isEmpty();
    }

    @Test
    void actsAsAshbyCallingTheAssessmentPartner() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String answer = switch (exchange.getRequestURI().getPath()) {
                case "/partner/assessment.start" -> "{\"success\": true, \"results\": {\"assessment_id\": \"as-99\"}}";
                case "/partner/assessment.list" -> "{\"success\": true, \"results\": [{\"assessment_type_id\": \"t1\", "
                        + "\"name\": \"AI interview\", \"description\": \"30 minutes\"}]}";
                default -> "{\"success\": true, \"results\": {}}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        partner.start();
        try {
            String base = "http://127.0.0.1:" + partner.getAddress().getPort() + "/partner";
            String candidateId = ashby.addCandidate("Annie Easley", "annie@example.com");
            String applicationId = ashby.addApplication(candidateId, job.id());

            PartnerResponse list = ashby.listAssessments(base, "partner-key");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().path("results").get(0).path("assessment_type_id").asText()).isEqualTo("t1");

            PartnerResponse started = ashby.startAssessment(base, "partner-key", "t1", applicationId);
            assertThat(started.status()).isEqualTo(200);
            assertThat(ashby.startedAssessments()).containsEntry("as-99", applicationId);
            String startRequest = requests.stream().filter(r -> r.startsWith("/partner/assessment.start")).findFirst().orElseThrow();
            assertThat(startRequest).contains("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("partner-key:".getBytes(StandardCharsets.UTF_8)));
            JsonNode body = JSON.readTree(startRequest.substring(startRequest.indexOf('{')));
            assertThat(body.path("assessment_type_id").asText()).isEqualTo("t1");
            assertThat(body.path("candidate").path("ashby_id").asText()).isEqualTo(candidateId);
            assertThat(body.path("candidate").path("first_name").asText()).isEqualTo("Annie");
            assertThat(body.path("candidate").path("last_name").asText()).isEqualTo("Easley");
            assertThat(body.path("candidate").path("email").asText()).isEqualTo("annie@example.com");
            assertThat(body.path("application").path("ashby_id").asText()).isEqualTo(applicationId);
            assertThat(body.path("application").path("status").asText()).isEqualTo("Active");
            assertThat(body.path("job").path("name").asText()).isEqualTo("Staff Engineer");
            assertThat(body.path("job").path("ashby_id").asText()).isEqualTo(job.id());

            PartnerResponse cancelled = ashby.cancelAssessment(base, "partner-key", "as-99");
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(requests.get(requests.size() - 1)).endsWith("{\"assessment_id\":\"as-99\"}");
        } finally {
            partner.stop(0);
        }
        PartnerResponse unreachable = ashby.listAssessments("http://127.0.0.1:1/nothing", "k");
        assertThat(unreachable.status()).isZero();
        assertThat(unreachable.error()).isNotBlank();
    }

    @Test
    void candidateMergeCarriesTheDeletedAndTheMergedCandidateAsTheOpenApiDescribes() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ashby.configureWebhook(receiver.url(), SECRET);
            String survivor = ashby.addCandidate("Hedy Lamarr", "hedy@example.com");
            String duplicate = ashby.addCandidate("Hedy Kiesler", "hedy.kiesler@example.com");
            String application = ashby.addApplication(duplicate, job.id());
            String actionId = ashby.mergeCandidates(survivor, duplicate);

            JsonNode body = JSON.readTree(receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(10)).get(0).body());
            // webhooks.candidateMerge: data.deletedCandidate.id, data.mergedCandidate.id (the final merged candidate).
            assertThat(body.path("webhookActionId").asText()).isEqualTo(actionId);
            assertThat(body.path("action").asText()).isEqualTo("candidateMerge");
            assertThat(body.path("data").path("deletedCandidate").path("id").asText()).isEqualTo(duplicate);
            assertThat(body.path("data").path("mergedCandidate").path("id").asText()).isEqualTo(survivor);
            assertThat(body.path("data").has("candidate")).isFalse();
            assertThat(body.path("data").has("mergedCandidateId")).isFalse();
            // The merged record is gone; its application now belongs to the survivor.
            refused(call("candidate.info", "{\"id\": \"" + duplicate + "\"}"), "candidate_not_found", duplicate);
            assertThat(ok(call("application.info", "{\"applicationId\": \"" + application + "\"}"))
                    .path("candidate").path("id").asText()).isEqualTo(survivor);
        }
    }

    @Test
    void aKeyWithoutTheEndpointsPermissionIsRefused403MissingEndpointPermissionAndNothingChanges() throws Exception {
        String candidateId = ashby.addCandidate("Annie Easley", "annie@example.com");
        Set<String> withoutWrite = new HashSet<>(AshbyPermissions.ALL);
        withoutWrite.remove("candidatesWrite");
        ashby.setApiKeyPermissions(withoutWrite);
        ashby.clearCalls();

        // reference/authentication: 403 and the error missing_endpoint_permission; the envelope is the OpenAPI's.
        JsonNode refusedNote = callExpecting(403, "candidate.createNote", "{\"candidateId\": \"" + candidateId
                + "\", \"note\": \"x\"}");
        refused(refusedNote, "missing_endpoint_permission", "candidatesWrite");
        JsonNode refusedValue = callExpecting(403, "customField.setValue", setValue("Candidate", candidateId, score.id(), "1"));
        refused(refusedValue, "missing_endpoint_permission", "candidatesWrite");
        assertThat(ashby.notes(candidateId)).isEmpty();
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, score.id())).isNull();
        assertThat(ashby.calls()).isEmpty();
        // Reading needs candidatesRead, which the key still has.
        ok(call("candidate.info", "{\"id\": \"" + candidateId + "\"}"));
        assertThatThrownBy(() -> ashby.setApiKeyPermissions(Set.of("candidatesEverything")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidatesWrite");
    }

    @Test
    void privateNotesNeedTheNonOfferPrivateFieldsPermissionToBeWrittenAndSeen() throws Exception {
        String candidateId = ashby.addCandidate("Dorothy Vaughan", "dorothy@example.com");
        String privateNote = "{\"candidateId\": \"" + candidateId + "\", \"note\": \"AI result\", \"isPrivate\": true}";
        JsonNode written = ok(call("candidate.createNote", privateNote));
        assertThat(written.path("isPrivate").asBoolean()).isTrue();
        ok(call("candidate.createNote", "{\"candidateId\": \"" + candidateId + "\", \"note\": \"Public\"}"));
        assertThat(ok(call("candidate.listNotes", "{\"candidateId\": \"" + candidateId + "\"}"))).hasSize(2);

        ashby.setPrivateFieldAccess(false, AshbySimulator.PrivateNoteWithoutAccess.REFUSE);
        // Without "Allow access to non-offer private fields?" the key sees only the public note...
        JsonNode seen = ok(call("candidate.listNotes", "{\"candidateId\": \"" + candidateId + "\"}"));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).path("content").asText()).isEqualTo("Public");
        // ...and cannot write a private one: refused, nothing stored.
        refused(callExpecting(403, "candidate.createNote", privateNote), "missing_endpoint_permission",
                "Allow access to non-offer private fields?");
        assertThat(ashby.notes(candidateId)).hasSize(2);

        // The other assumption: the note is written but the key cannot see it afterwards.
        ashby.setPrivateFieldAccess(false, AshbySimulator.PrivateNoteWithoutAccess.WRITE_UNSEEN);
        ok(call("candidate.createNote", privateNote));
        assertThat(ashby.notes(candidateId)).hasSize(3);
        assertThat(ok(call("candidate.listNotes", "{\"candidateId\": \"" + candidateId + "\"}"))).hasSize(1);
    }

    @Test
    void selectOptionsHaveALabelAndAValueAndSetValueTakesTheValue() throws Exception {
        AshbyCustomField verdict = ashby.addSelectField(AshbyObjectType.CANDIDATE, "AI verdict", AshbyFieldType.VALUE_SELECT,
                List.of(new AshbySelectableValue("Strong yes", "strong_yes"), new AshbySelectableValue("No", "no")));
        AshbyCustomField areas = ashby.addSelectField(AshbyObjectType.CANDIDATE, "Areas", AshbyFieldType.MULTI_VALUE_SELECT,
                List.of(new AshbySelectableValue("Backend Engineering", "backend"), new AshbySelectableValue("Data", "data")));
        String candidateId = ashby.addCandidate("Margaret Hamilton", "margaret@example.com");

        // customField.info / list: selectableValues items are {label, value, isArchived}.
        JsonNode definition = null;
        for (JsonNode d : ok(call("customField.list", "{}"))) {
            if (d.path("id").asText().equals(verdict.id())) {
                definition = d;
            }
        }
        assertThat(definition).isNotNull();
        assertThat(definition.path("selectableValues").get(0).path("label").asText()).isEqualTo("Strong yes");
        assertThat(definition.path("selectableValues").get(0).path("value").asText()).isEqualTo("strong_yes");
        assertThat(definition.path("selectableValues").get(0).path("isArchived").asBoolean()).isFalse();

        // "ValueSelect - A string that matches the value of one of the ValueSelect field's options": not the label.
        refused(call("customField.setValue", setValue("Candidate", candidateId, verdict.id(), "\"Strong yes\"")),
                "invalid_input", "setValue takes the value");
        refused(call("customField.setValue", setValue("Candidate", candidateId, areas.id(), "[\"Backend Engineering\"]")),
                "invalid_input", "'backend'");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, verdict.id())).isNull();

        JsonNode set = ok(call("customField.setValue", setValue("Candidate", candidateId, verdict.id(), "\"strong_yes\"")));
        assertThat(set.path("value").asText()).isEqualTo("strong_yes");
        assertThat(set.path("valueLabel").asText()).isEqualTo("Strong yes");
        ok(call("customField.setValue", setValue("Candidate", candidateId, areas.id(), "[\"backend\", \"data\"]")));
        JsonNode fields = ok(call("candidate.info", "{\"id\": \"" + candidateId + "\"}")).path("customFields");
        assertThat(fields.get(1).path("value").toString()).isEqualTo("[\"backend\",\"data\"]");
        assertThat(fields.get(1).path("valueLabel").toString()).isEqualTo("[\"Backend Engineering\",\"Data\"]");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, verdict.id()).asText()).isEqualTo("strong_yes");
    }

    @Test
    void anIncrementalSyncOfTooManyChangesIsRefusedAndAFullSyncStillWorks() throws Exception {
        AshbyJob busy = ashby.addJob("Busy Job", "Screen");
        for (int i = 0; i < 3; i++) {
            ashby.addApplication(ashby.addCandidate("Busy " + i, "busy" + i + "@example.com"), busy.id());
        }
        String filter = "\"jobId\": \"" + busy.id() + "\"";
        String token = call("application.list", "{" + filter + "}").path("syncToken").asText();
        for (int i = 0; i < 3; i++) {
            ashby.addApplication(ashby.addCandidate("Later " + i, "later" + i + "@example.com"), busy.id());
        }
        ashby.setIncrementalSyncLimit(2);

        refused(call("application.list", "{" + filter + ", \"syncToken\": \"" + token + "\"}"),
                "incremental_sync_too_large", "full sync");
        JsonNode full = call("application.list", "{" + filter + "}");
        assertThat(ok(full)).hasSize(6);
        assertThat(full.path("syncToken").asText()).isNotBlank();
    }

    @Test
    void rateLimitIsOffByDefaultAndAnswers429WithRetryAfterWhenOn() throws Exception {
        for (int i = 0; i < 20; i++) {
            call("candidateTag.list", "{}");
        }
        ashby.setRateLimit(2);
        call("candidateTag.list", "{}");
        call("candidateTag.list", "{}");
        HttpResponse<String> limited = Http.send("POST", url("candidateTag.list"), "{}", "Authorization", Http.basic(KEY));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 1));
        ashby.setRateLimit(0);
        call("candidateTag.list", "{}");
    }

    @Test
    void javaApiRefusesWhatTheApiWouldRefuse() {
        String candidateId = ashby.addCandidate("Java Api", "java@example.com");
        assertThatThrownBy(() -> ashby.setCustomField(AshbyObjectType.CANDIDATE, candidateId, score.id(), "high"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON number");
        ashby.setCustomField(AshbyObjectType.CANDIDATE, candidateId, skills.id(), List.of("Go"));
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, skills.id()).get(0).asText()).isEqualTo("Go");
        assertThatThrownBy(() -> ashby.moveApplication("nope", "nope")).isInstanceOf(IllegalArgumentException.class);
    }

    static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
