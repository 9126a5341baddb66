package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Greenhouse simulator against Greenhouse's own material, not against itself: its answers carry the fields (with
 * the JSON types) of the examples in {@code contracts/greenhouse-harvest-v3} and {@code -v1}, and it refuses what the
 * docs say Greenhouse refuses: singular or oversized v3 filters, a call without its OAuth scope, a v1 key without the
 * endpoint permission, attachments whose preconditions or content types are not met.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarvestVendorContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Sandbox sandbox;
    private GreenhouseSimulator gh;
    private GreenhouseUser recruiter;
    private GreenhouseJob job;
    private long candidate;
    private long application;
    private String token;

    @BeforeAll
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(10_000).build());
        gh = sandbox.greenhouse();
        recruiter = gh.addUser("Carla", "Contract", "carla@example.com");
        job = gh.addJob("Backend Engineer", "Application Review", "AI Interview", "Offer");
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI score", "ai_score", CustomFieldType.NUMBER);
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI recommendation", "ai_recommendation", CustomFieldType.SINGLE_SELECT,
                "Advance", "Maybe", "Pass");
        gh.addCustomField(CustomFieldScope.APPLICATION, "AI summary", "ai_summary", CustomFieldType.LONG_TEXT);
        candidate = gh.addCandidate(NewCandidate.builder("Grace", "Hopper").email("grace@example.com").tag("AI screened").build());
        application = gh.addApplication(candidate, job.id());
        gh.moveApplication(application, job.stages().get(1).id(), recruiter.id());
        gh.setCustomField(CustomFieldScope.CANDIDATE, candidate, "ai_score", 82);
        HttpResponse<String> issued = CLIENT.send(HttpRequest.newBuilder(URI.create(sandbox.greenhouseTokenUrl()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_ID
                        + ":" + SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&sub=" + recruiter.id())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode tokenAnswer = JSON.readTree(issued.body());
        assertShapeOf(tokenAnswer, example("greenhouse-oauth", "token_response.json"), "token");
        token = tokenAnswer.path("access_token").asText();
        assertThat(send("POST", "/v3/notes", "{\"candidate_id\":" + candidate + ",\"user_id\":" + recruiter.id()
                + ",\"body\":\"Seeded\",\"visibility\":\"private\",\"note_type\":\"NOTE\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @AfterEach
    void grantAgain() {
        gh.access().grantAll();
        gh.v3Options().reset();
    }

    // ---------------------------------------------------------------- v3 shapes

    @Test
    void v3AnswersCarryTheFieldsOfTheDocumentedShapes() throws Exception {
        Map<String, String> lists = Map.of(
                "/v3/applications?ids=" + application, "list_applications_response.json",
                "/v3/candidates?ids=" + candidate, "list_candidates_response.json",
                "/v3/jobs?ids=" + job.id(), "list_jobs_response.json",
                "/v3/job_interview_stages?job_ids=" + job.id(), "list_job_interview_stages_response.json",
                "/v3/custom_fields?field_type=candidate", "list_custom_fields_response.json",
                "/v3/custom_field_options?custom_field_ids=" + recommendationId(), "list_custom_field_options_response.json",
                "/v3/application_stages?application_ids=" + application, "list_application_stages_response.json",
                "/v3/notes?candidate_ids=" + candidate, "list_notes_response.json",
                "/v3/candidate_tags", "list_candidate_tags_response.json");
        for (Map.Entry<String, String> list : lists.entrySet()) {
            HttpResponse<String> answer = get(list.getKey());
            assertThat(answer.statusCode()).as(list.getKey() + " " + answer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.isArray() && !body.isEmpty()).as(list.getKey()).isTrue();
            assertShapeOf(body.get(0), example("greenhouse-harvest-v3", list.getValue()).get(0), list.getKey());
        }
        JsonNode app = JSON.readTree(get("/v3/applications?ids=" + application).body()).get(0);
        assertThat(app.path("status").asText()).isEqualTo("in_process");
        assertThat(app.path("job_interview_stage_id").asLong()).isEqualTo(job.stages().get(1).id());
        assertThat(app.path("stage_name").asText()).isEqualTo("AI Interview");
        assertThat(app.has("current_stage_id")).isFalse();
        assertThat(app.has("keyed_custom_fields")).isFalse();
        assertThat(app.path("custom_fields").path("ai_summary").has("value")).isTrue();
        JsonNode person = JSON.readTree(get("/v3/candidates?ids=" + candidate).body()).get(0);
        assertThat(person.path("custom_fields").path("ai_score").path("value").asInt()).isEqualTo(82);
        assertThat(person.path("custom_fields").path("ai_score").path("type").asText()).isEqualTo("number");
        JsonNode fields = JSON.readTree(get("/v3/custom_fields?field_type=candidate").body());
        assertThat(fields).allSatisfy(f -> assertThat(f.has("custom_field_options")).as("options have their own endpoint").isFalse());
        gh.v3Options().embedCustomFieldOptions(true);
        JsonNode embedded = JSON.readTree(get("/v3/custom_fields?field_type=candidate&name_key=ai_recommendation").body());
        assertThat(embedded).singleElement().satisfies(f -> assertThat(f.path("custom_field_options"))
                .extracting(o -> o.path("name").asText()).containsExactly("Advance", "Maybe", "Pass"));
    }

    @Test
    void theApplicationStageCanBeRenderedWithoutJobInterviewStageId() throws Exception {
        gh.v3Options().applicationJobInterviewStageId(false);
        JsonNode app = JSON.readTree(get("/v3/applications?ids=" + application).body()).get(0);
        assertThat(app.has("job_interview_stage_id")).isFalse();
        long applicationStage = app.path("stage_id").asLong();
        assertThat(applicationStage).as("an application-stage row, not a plan stage")
                .isNotIn(job.stages().stream().map(JobStage::id).toList());
        JsonNode rows = JSON.readTree(get("/v3/application_stages?application_ids=" + application + "&current=true").body());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.path("id").asLong()).isEqualTo(applicationStage);
            assertThat(row.path("job_interview_stage_id").asLong()).isEqualTo(job.stages().get(1).id());
            assertThat(row.path("exited_at").isNull()).isTrue();
        });
        JsonNode history = JSON.readTree(get("/v3/application_stages?application_ids=" + application).body());
        assertThat(history).extracting(r -> r.path("current").asBoolean()).containsExactly(false, true);
    }

    // ---------------------------------------------------------------- v3 filters

    @Test
    void parentFiltersArePluralCommaSeparatedAndAtMostFifty() throws Exception {
        long second = gh.addApplication(gh.addCandidate(NewCandidate.builder("Ada", "Lovelace").build()), job.id());
        // Greenhouse's PHP client: job_ids=12345,23456,34567.
        JsonNode both = JSON.readTree(get("/v3/applications?ids=" + application + "," + second).body());
        assertThat(both).extracting(a -> a.path("id").asLong()).containsExactly(application, second);
        assertThat(JSON.readTree(get("/v3/applications?job_ids=" + job.id() + ",999").body())).hasSizeGreaterThanOrEqualTo(2);

        for (String singular : List.of("/v3/applications?candidate_id=" + candidate, "/v3/applications?job_id=" + job.id(),
                "/v3/notes?candidate_id=" + candidate, "/v3/job_interview_stages?job_id=" + job.id())) {
            HttpResponse<String> refused = get(singular);
            assertThat(refused.statusCode()).as(singular).isEqualTo(422);
            assertThat(refused.body()).as(singular).contains("plural");
        }
        String fiftyOne = LongStream.rangeClosed(1, 51).mapToObj(Long::toString).collect(Collectors.joining(","));
        HttpResponse<String> tooMany = get("/v3/applications?candidate_ids=" + fiftyOne);
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(tooMany.body()).contains("at most 50");
        assertThat(get("/v3/applications?status=in_process").statusCode())
                .as("the filter selects open applications with active").isEqualTo(422);
        assertThat(JSON.readTree(get("/v3/applications?status=active&ids=" + application).body())).hasSize(1);
    }

    // ---------------------------------------------------------------- access

    @Test
    void aV3CallWithoutItsScopeIs403AndNamesTheScope() throws Exception {
        gh.access().revokeScopes(List.of("harvest:notes:create"));
        HttpResponse<String> refused = send("POST", "/v3/notes", "{\"candidate_id\":" + candidate + ",\"user_id\":" + recruiter.id()
                + ",\"body\":\"x\",\"visibility\":\"private\",\"note_type\":\"NOTE\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("insufficient_scope", "harvest:notes:create");
        assertThat(refused.body()).contains("harvest:notes:create");
        int notes = gh.notes(candidate).size();
        assertThat(get("/v3/notes?candidate_ids=" + candidate).statusCode()).as("other scopes still work").isEqualTo(200);
        assertThat(gh.notes(candidate)).hasSize(notes);

        // Removing a scope takes effect on tokens already issued (docs/handling-scope-changes).
        gh.access().revokeScopes(List.of("harvest:job_interview_stages:list"));
        assertThat(get("/v3/job_interview_stages?job_ids=" + job.id()).statusCode()).isEqualTo(403);
        gh.access().grantAll();
        assertThat(get("/v3/job_interview_stages?job_ids=" + job.id()).statusCode()).isEqualTo(200);
        assertThat(HarvestAccess.v3Scopes()).contains("harvest:applications:move", "harvest:attachments:create",
                "harvest:applied_candidate_tags:create", "harvest:custom_field_options:list");
    }

    @Test
    void aV1KeyWithoutTheEndpointPermissionIs401AndNamesThePermission() throws Exception {
        gh.access().revokePermissions(List.of("Candidates: POST: Add Note"));
        String notes = sandbox.greenhouseBaseUrl() + "/v1/candidates/" + candidate + "/activity_feed/notes";
        HttpResponse<String> refused = Http.send("POST", notes, "{\"user_id\":" + recruiter.id()
                        + ",\"body\":\"x\",\"visibility\":\"private\"}", "Authorization", Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY),
                "On-Behalf-Of", Long.toString(recruiter.id()));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Candidates: POST: Add Note");
        HttpResponse<String> read = Http.get(sandbox.greenhouseBaseUrl() + "/v1/candidates/" + candidate, "Authorization",
                Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY));
        assertThat(read.statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- attachments (v1 rules, v3 endpoint)

    @Test
    void attachmentTypesWithPreconditionsAndContentTypesAreCheckedAsDocumented() throws Exception {
        String v1 = "/v1/applications/" + application + "/attachments";
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4".getBytes(StandardCharsets.UTF_8));
        // The documented example body, with real base64 where the docs elide it ("R0lGODlh...BADs...").
        JsonNode documented = example("greenhouse-harvest-v1", "add_attachment_request.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) documented).put("content", pdf);
        HttpResponse<String> resume = v1Post(v1, documented.toString());
        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(201);
        assertShapeOf(JSON.readTree(resume.body()), example("greenhouse-harvest-v1", "add_attachment_response.json"), "v1 attachment");

        for (String type : List.of("take_home_test", "offer_letter", "signed_offer_letter")) {
            HttpResponse<String> refused = v1Post(v1, "{\"filename\":\"x.pdf\",\"type\":\"" + type + "\",\"content\":\"" + pdf
                    + "\",\"content_type\":\"application/pdf\"}");
            assertThat(refused.statusCode()).as(type).isEqualTo(422);
            assertThat(refused.body()).as(type).contains(type);
        }
        gh.sendTakeHomeTest(application);
        gh.setOffer(application, GreenhouseSimulator.OfferStatus.CREATED);
        assertThat(v1Post(v1, body("take_home_test", pdf)).statusCode()).isEqualTo(201);
        assertThat(v1Post(v1, body("take_home_test", pdf)).statusCode()).as("the test was answered").isEqualTo(422);
        assertThat(v1Post(v1, body("offer_letter", pdf)).statusCode()).isEqualTo(201);
        assertThat(v1Post(v1, body("signed_offer_letter", pdf)).statusCode()).as("not sent yet").isEqualTo(422);
        gh.setOffer(application, GreenhouseSimulator.OfferStatus.SENT);
        assertThat(v1Post(v1, body("signed_offer_letter", pdf)).statusCode()).isEqualTo(201);

        HttpResponse<String> exe = v1Post(v1, "{\"filename\":\"x.exe\",\"type\":\"other\",\"content\":\"" + pdf
                + "\",\"content_type\":\"application/x-msdownload\"}");
        assertThat(exe.statusCode()).isEqualTo(422);
        assertThat(exe.body()).contains("content_type");
        int stored = gh.attachments(application).size();

        JsonNode v3Body = example("greenhouse-harvest-v3", "create_attachment_request.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) v3Body).put("application_id", application);
        HttpResponse<String> v3 = send("POST", "/v3/attachments", v3Body.toString());
        assertThat(v3.statusCode()).as(v3.body()).isEqualTo(201);
        assertShapeOf(JSON.readTree(v3.body()), example("greenhouse-harvest-v3", "create_attachment_response.json"), "v3 attachment");
        assertThat(send("POST", "/v3/attachments", "{\"filename\":\"x.pdf\",\"type\":\"offer_letter\",\"url\":\"https://f.example/x.pdf\"}")
                .statusCode()).as("application_id is required").isEqualTo(422);
        assertThat(gh.attachments(application)).hasSize(stored + 1);
    }

    // ---------------------------------------------------------------- notes and tags (assumed bodies)

    @Test
    void theThirdPartyNoteAndTagBodiesAreTakenAndTheNoteAuthorIsSwitchable() throws Exception {
        JsonNode note = example("greenhouse-harvest-v3", "create_note_request.json");
        com.fasterxml.jackson.databind.node.ObjectNode mine = note.deepCopy();
        mine.put("candidate_id", candidate).put("application_id", application).put("user_id", recruiter.id());
        HttpResponse<String> created = send("POST", "/v3/notes", mine.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertShapeOf(JSON.readTree(created.body()), example("greenhouse-harvest-v3", "create_note_response.json"), "note");

        gh.v3Options().requireNoteAuthor(false);
        HttpResponse<String> bare = send("POST", "/v3/notes", "{\"candidate_id\":" + candidate
                + ",\"body\":\"bare\",\"visibility\":\"public\"}");
        assertThat(bare.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(bare.body()).path("user_id").asLong()).as("the token's user").isEqualTo(recruiter.id());

        HttpResponse<String> tag = send("POST", "/v3/candidate_tags", example("greenhouse-harvest-v3",
                "create_candidate_tag_request.json").toString().replace("AI screened", "Contract tag"));
        assertThat(tag.statusCode()).isEqualTo(201);
        long tagId = JSON.readTree(tag.body()).path("id").asLong();
        assertThat(send("POST", "/v3/candidate_tags", "{\"name\":\"Contract tag\"}").statusCode()).as("taken").isEqualTo(422);
        HttpResponse<String> applied = send("POST", "/v3/applied_candidate_tags",
                "{\"candidate_id\":" + candidate + ",\"candidate_tag_id\":" + tagId + "}");
        assertThat(applied.statusCode()).isEqualTo(201);
        assertThat(gh.tags(candidate)).containsExactly("AI screened", "Contract tag");
        assertThat(send("POST", "/v3/applied_candidate_tags", "{\"candidate_id\":" + candidate + ",\"candidate_tag_id\":" + tagId + "}")
                .statusCode()).as("already tagged").isEqualTo(422);
        JsonNode onCandidate = JSON.readTree(get("/v3/applied_candidate_tags?candidate_ids=" + candidate).body());
        assertThat(onCandidate).extracting(t -> t.path("candidate_tag_id").asLong()).contains(tagId);
    }

    @Test
    void theDocumentedMoveBodyMovesAndAStaleOneIsRefused() throws Exception {
        long moving = gh.addApplication(gh.addCandidate(NewCandidate.builder("Move", "Me").build()), job.id());
        JsonNode body = example("greenhouse-harvest-v3", "move_application_request.json");
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("from_stage_id", "to_stage_id");
        String stale = "{\"from_stage_id\":" + job.stages().get(1).id() + ",\"to_stage_id\":" + job.stages().get(2).id() + "}";
        HttpResponse<String> refused = send("POST", "/v3/applications/" + moving + "/move", stale);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertShapeOf(JSON.readTree(refused.body()), example("greenhouse-harvest-v3", "error_validation_response.json"), "422");
        String fresh = "{\"from_stage_id\":" + job.stages().get(0).id() + ",\"to_stage_id\":" + job.stages().get(1).id() + "}";
        HttpResponse<String> moved = send("POST", "/v3/applications/" + moving + "/move", fresh);
        assertThat(moved.statusCode()).isEqualTo(204);
        assertThat(moved.body()).isEmpty();
        assertThat(gh.application(moving).currentStage().id()).isEqualTo(job.stages().get(1).id());
    }

    // ---------------------------------------------------------------- helpers

    private long recommendationId() {
        return gh.customFields(CustomFieldScope.CANDIDATE).stream().filter(f -> f.nameKey().equals("ai_recommendation"))
                .findFirst().orElseThrow().id();
    }

    private static String body(String type, String content) {
        return "{\"filename\":\"" + type + ".pdf\",\"type\":\"" + type + "\",\"content\":\"" + content
                + "\",\"content_type\":\"application/pdf\"}";
    }

    private HttpResponse<String> v1Post(String path, String body) {
        return Http.send("POST", sandbox.greenhouseBaseUrl() + path, body, "Authorization",
                Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY), "On-Behalf-Of", Long.toString(recruiter.id()));
    }

    private HttpResponse<String> get(String path) {
        return Http.get(sandbox.greenhouseBaseUrl() + path, "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return Http.send(method, sandbox.greenhouseBaseUrl() + path, body, "Authorization", "Bearer " + token);
    }

    /** A contract example from the classpath ({@code contracts/<api>/examples/<file>}). */
    static JsonNode example(String api, String file) throws IOException {
        String resource = "contracts/" + api + "/examples/" + file;
        try (InputStream in = HarvestVendorContractTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }

    /**
     * Every field of the example is in the actual object, with the same JSON type where both are not null; nested
     * objects are compared the same way (arrays by their first element). Extra fields in the actual object are fine.
     */
    static void assertShapeOf(JsonNode actual, JsonNode example, String what) {
        List<String> problems = new ArrayList<>();
        compare(actual, example, what, problems);
        assertThat(problems).as("%s differs from the documented shape", what).isEmpty();
    }

    private static void compare(JsonNode actual, JsonNode example, String path, List<String> problems) {
        if (example.isObject()) {
            if (!actual.isObject()) {
                problems.add(path + ": expected an object, got " + actual.getNodeType());
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!actual.has(field.getKey())) {
                    problems.add(path + "." + field.getKey() + " is missing");
                } else if (!path.endsWith(".custom_fields")) {
                    compare(actual.get(field.getKey()), field.getValue(), path + "." + field.getKey(), problems);
                }
            }
        } else if (example.isArray()) {
            if (!actual.isArray()) {
                problems.add(path + ": expected an array, got " + actual.getNodeType());
            } else if (!example.isEmpty() && !actual.isEmpty()) {
                compare(actual.get(0), example.get(0), path + "[0]", problems);
            }
        } else if (!example.isNull() && !actual.isNull()) {
            boolean same = example.isNumber() ? actual.isNumber() : example.getNodeType() == actual.getNodeType();
            if (!same) {
                problems.add(path + ": expected " + example.getNodeType() + ", got " + actual.getNodeType());
            }
        }
    }
}
