package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsJob;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.CustomFieldDefinition;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.http.VendorHttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Harvest v3 connector against Greenhouse's shapes rather than the simulator's: a stub serves the bodies of
 * {@code contracts/greenhouse-harvest-v3/examples} (each with its source note in the sandbox), and every request
 * the connector sends is checked against the documented request examples and filter rules.
 */
class GreenhouseHarvestV3ExamplesTest {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    /** What the stub answers, by path; the function gets the query. */
    private final Map<String, Function<String, Answer>> routes = new ConcurrentHashMap<>();
    private final VendorHttp http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ZERO);

    private record Recorded(String method, String path, String query, String body) {
    }

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        routes.put("/token", q -> new Answer(200, example("token_response.json").toString()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        requests.add(new Recorded(exchange.getRequestMethod(), path, URLDecoder.decode(query, StandardCharsets.UTF_8), body));
        Function<String, Answer> route = routes.get(exchange.getRequestMethod() + " " + path);
        if (route == null) {
            route = routes.get(path);
        }
        Answer answer = route == null ? new Answer(404, "{\"message\":\"not found\"}") : route.apply(query);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), answer.status() == 204 ? -1 : bytes.length);
        if (answer.status() != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private GreenhouseHarvestV3 client() {
        GreenhouseTokens tokens = new GreenhouseTokens(new GreenhouseOAuthClient(base() + "/token", "client", "secret"), http);
        return new GreenhouseHarvestV3(base(), tokens, "214", http);
    }

    static JsonNode example(String file) {
        // The token endpoint is its own API (auth.greenhouse.io): its example lives with that contract.
        String api = file.startsWith("token_") ? "greenhouse-oauth" : "greenhouse-harvest-v3";
        String resource = "contracts/" + api + "/examples/" + file;
        try (InputStream in = GreenhouseHarvestV3ExamplesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(resource, e);
        }
    }

    private static Answer ok(String file) {
        return new Answer(200, example(file).toString());
    }

    @Test
    void readsTheDocumentedApplicationItsStageStatusAndCustomFields() {
        routes.put("/v3/applications", q -> ok("list_applications_response.json"));
        AtsApplication application = client().getApplication("48206478002");

        assertThat(application.currentStageId()).as("job_interview_stage_id, not stage_id").isEqualTo("5123321002");
        assertThat(application.currentStageName()).isEqualTo("AI Interview");
        assertThat(application.status()).isEqualTo("in_process");
        assertThat(application.active()).isTrue();
        assertThat(application.jobIds()).containsExactly("4012345002");
        assertThat(application.customFieldValues()).containsKey("ai_summary");
        assertThat(application.customFieldValues().get("ai_summary").isNull()).isTrue();
        assertThat(application.updatedAt()).isEqualTo(Instant.parse("2026-11-30T15:04:11.123Z"));
        assertThat(requests).filteredOn(r -> r.path().equals("/v3/applications")).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("ids=48206478002"));
        assertThat(requests).as("the stage's name came with the application").noneMatch(r -> r.path().contains("stage"));
    }

    @Test
    void anApplicationWithOnlyItsApplicationStageIsResolvedThroughApplicationStages() {
        ArrayNode thin = (ArrayNode) example("list_applications_response.json");
        ((ObjectNode) thin.get(0)).remove(List.of("job_interview_stage_id", "stage_name"));
        routes.put("/v3/applications", q -> new Answer(200, thin.toString()));
        routes.put("/v3/application_stages", q -> ok("list_application_stages_response.json"));
        routes.put("/v3/job_interview_stages", q -> ok("list_job_interview_stages_response.json"));

        AtsApplication application = client().getApplication("48206478002");
        assertThat(application.currentStageId()).isEqualTo("5123321002");
        assertThat(application.currentStageName()).isEqualTo("AI Interview");
        assertThat(requests).filteredOn(r -> r.path().equals("/v3/application_stages")).singleElement()
                .satisfies(r -> assertThat(r.query()).contains("application_ids=48206478002", "current=true"));
        assertThat(requests).filteredOn(r -> r.path().equals("/v3/job_interview_stages")).singleElement()
                .satisfies(r -> assertThat(r.query()).contains("ids=5123321002"));
    }

    @Test
    void readsTheJobPlanFromJobInterviewStagesInSortOrder() {
        routes.put("/v3/jobs", q -> ok("list_jobs_response.json"));
        ArrayNode stages = (ArrayNode) example("list_job_interview_stages_response.json");
        // Served out of order, with a retired stage: the plan is the active ones by sort_order.
        ArrayNode served = JSON.createArrayNode();
        served.add(stages.get(2)).add(stages.get(0)).add(stages.get(1));
        served.addObject().put("id", 5123329002L).put("job_id", 4012345002L).put("name", "Old Screen").put("sort_order", 1)
                .put("active", false);
        routes.put("/v3/job_interview_stages", q -> new Answer(200, served.toString()));

        AtsJob job = client().job("4012345002");
        assertThat(job.name()).isEqualTo("Backend Engineer");
        assertThat(job.status()).isEqualTo("open");
        assertThat(job.stages()).extracting(AtsJob.Stage::name).containsExactly("Application Review", "AI Interview", "Offer");
        assertThat(requests).filteredOn(r -> r.path().equals("/v3/job_interview_stages")).singleElement()
                .satisfies(r -> assertThat(r.query()).startsWith("job_ids=4012345002"));
        assertThat(requests).noneMatch(r -> r.path().endsWith("/job_stages"));
    }

    @Test
    void readsTheCandidateItsCustomFieldsAndItsApplicationsByPluralFilter() {
        routes.put("/v3/candidates", q -> ok("list_candidates_response.json"));
        routes.put("/v3/applications", q -> ok("list_applications_response.json"));
        AtsCandidate candidate = client().getCandidate("39512480002");

        assertThat(candidate.emails()).containsExactly("grace@example.com");
        assertThat(candidate.tags()).containsExactly("AI screened");
        assertThat(candidate.customFieldValues().get("ai_score").asInt()).isEqualTo(82);
        assertThat(candidate.customFieldValues().get("ai_recommendation").asText()).isEqualTo("Advance");
        assertThat(candidate.applicationIds()).containsExactly("48206478002");
        assertThat(requests).filteredOn(r -> r.path().equals("/v3/applications")).singleElement()
                .satisfies(r -> assertThat(r.query()).startsWith("candidate_ids=39512480002"));
    }

    @Test
    void selectOptionsComeFromCustomFieldOptionsFiftyFieldsARequestWithoutInactiveOnes() {
        ArrayNode fields = JSON.createArrayNode();
        JsonNode template = example("list_custom_fields_response.json").get(0);
        for (int i = 0; i < 60; i++) {
            ObjectNode field = template.deepCopy();
            field.put("id", 11002 + i).put("name_key", i == 0 ? "ai_recommendation" : "select_" + i);
            fields.add(field);
        }
        routes.put("/v3/custom_fields", q -> q.contains("field_type=candidate") ? new Answer(200, fields.toString())
                : new Answer(200, "[]"));
        routes.put("/v3/custom_field_options", q -> q.contains("11002,") ? ok("list_custom_field_options_response.json")
                : new Answer(200, "[]"));

        List<CustomFieldDefinition> definitions = client().customFieldDefinitions();
        assertThat(definitions).hasSize(60);
        assertThat(definitions.get(0).key()).isEqualTo("ai_recommendation");
        assertThat(definitions.get(0).options()).extracting(CustomFieldDefinition.Option::name)
                .as("the inactive option Pass is not offered").containsExactly("Advance", "Maybe");
        List<Recorded> optionReads = requests.stream().filter(r -> r.path().equals("/v3/custom_field_options")).toList();
        assertThat(optionReads).hasSize(2);
        for (Recorded read : optionReads) {
            String ids = read.query().replaceAll(".*custom_field_ids=([0-9,]+).*", "$1");
            assertThat(ids.split(",").length).isLessThanOrEqualTo(50);
        }

        // When Greenhouse embeds the options after all, no second read is made.
        requests.clear();
        ObjectNode embedded = template.deepCopy();
        embedded.putArray("custom_field_options").addObject().put("id", 1).put("name", "Yes");
        routes.put("/v3/custom_fields", q -> new Answer(200, JSON.createArrayNode().add(embedded).toString()));
        assertThat(client().customFieldDefinitions()).allSatisfy(d -> assertThat(d.options()).extracting(CustomFieldDefinition.Option::name)
                .containsExactly("Yes"));
        assertThat(requests).noneMatch(r -> r.path().equals("/v3/custom_field_options"));
    }

    @Test
    void writesSendTheDocumentedOrThirdPartyBodiesAndNothingElse() throws Exception {
        routes.put("/v3/applications", q -> ok("list_applications_response.json"));
        routes.put("POST /v3/notes", q -> new Answer(201, example("create_note_response.json").toString()));
        routes.put("/v3/applications/48206478002/move", q -> new Answer(204, ""));
        routes.put("POST /v3/attachments", q -> new Answer(201, example("create_attachment_response.json").toString()));
        routes.put("GET /v3/candidate_tags", q -> ok("list_candidate_tags_response.json"));
        routes.put("POST /v3/candidate_tags", q -> new Answer(201, "{\"id\":302,\"name\":\"ai-skill:SQL\"}"));
        routes.put("POST /v3/applied_candidate_tags", q -> new Answer(201, "{\"id\":1,\"candidate_id\":39512480002,\"candidate_tag_id\":302}"));
        routes.put("PATCH /v3/candidates/39512480002", q -> ok("list_candidates_response.json"));
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication("48206478002");

        AtsNote note = client.addNote(application, "AI interview completed: score 82 (advance).", AtsConnector.NoteVisibility.PRIVATE);
        assertThat(note.id()).isEqualTo("226809052");
        assertThat(note.userId()).isEqualTo("214");
        assertSameKeys(body("POST", "/v3/notes"), example("create_note_request.json"));
        assertThat(body("POST", "/v3/notes").path("note_type").asText()).isEqualTo("NOTE");

        client.moveStage(application, "5123322002");
        JsonNode move = body("POST", "/v3/applications/48206478002/move");
        assertSameKeys(move, example("move_application_request.json"));
        assertThat(move.path("from_stage_id").asLong()).isEqualTo(5123321002L);

        client.addAttachment(application, new AtsConnector.Attachment("ai-interview-report.pdf", "other", null,
                "%PDF".getBytes(StandardCharsets.UTF_8), "application/pdf"));
        JsonNode attachment = body("POST", "/v3/attachments");
        assertThat(iterable(attachment.fieldNames())).isSubsetOf(iterable(example("create_attachment_request.json").fieldNames()));
        assertThat(attachment.path("application_id").asLong()).isEqualTo(48206478002L);

        AtsCandidate candidate = new AtsCandidate("39512480002", "Grace", "Hopper", List.of(), List.of("AI screened"), List.of(),
                Map.of(), "");
        client.updateCandidate(candidate, application, List.of(CustomFieldWrite.number("ai_score", 82)),
                List.of("ai screened", "ai-skill:SQL"));
        JsonNode patch = body("PATCH", "/v3/candidates/39512480002");
        assertThat(iterable(patch.fieldNames())).containsExactly("custom_fields");
        assertThat(iterable(patch.path("custom_fields").get(0).fieldNames()))
                .isSubsetOf(iterable(example("patch_candidate_request.json").path("custom_fields").get(0).fieldNames()));
        assertSameKeys(body("POST", "/v3/candidate_tags"), example("create_candidate_tag_request.json"));
        assertSameKeys(body("POST", "/v3/applied_candidate_tags"), example("create_applied_candidate_tag_request.json"));
        assertThat(requests).filteredOn(r -> r.path().equals("/v3/applied_candidate_tags")).as("only the new tag").hasSize(1);
    }

    @Test
    void aTagCreatedByAnotherWriteBackMeanwhileIsUsedNotRefused() {
        routes.put("/v3/applications", q -> ok("list_applications_response.json"));
        java.util.concurrent.atomic.AtomicInteger lists = new java.util.concurrent.atomic.AtomicInteger();
        // The first read does not have the tag yet; by the time it is created, another write-back has created it.
        routes.put("GET /v3/candidate_tags", q -> lists.getAndIncrement() == 0 ? new Answer(200, "[]")
                : new Answer(200, "[{\"id\":302,\"name\":\"ai-skill:SQL\"}]"));
        routes.put("POST /v3/candidate_tags", q -> new Answer(422, example("error_validation_response.json").toString()));
        routes.put("POST /v3/applied_candidate_tags", q -> new Answer(422, example("error_validation_response.json").toString()));
        routes.put("GET /v3/applied_candidate_tags", q -> new Answer(200,
                "[{\"id\":1,\"candidate_id\":39512480002,\"candidate_tag_id\":302}]"));
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication("48206478002");
        AtsCandidate candidate = new AtsCandidate("39512480002", "Grace", "Hopper", List.of(), List.of(), List.of(), Map.of(), "");

        client.updateCandidate(candidate, application, List.of(), List.of("ai-skill:SQL"));
        assertSameKeys(body("POST", "/v3/applied_candidate_tags"), example("create_applied_candidate_tag_request.json"));
        assertThat(body("POST", "/v3/applied_candidate_tags").path("candidate_tag_id").asLong()).isEqualTo(302);
        assertThat(requests).filteredOn(r -> r.method().equals("GET") && r.path().equals("/v3/applied_candidate_tags"))
                .singleElement().satisfies(r -> assertThat(r.query()).contains("candidate_ids=39512480002", "candidate_tag_ids=302"));

        // Refused for another reason (the tag is not there after all): the refusal stands.
        routes.put("GET /v3/applied_candidate_tags", q -> new Answer(200, "[]"));
        assertThatThrownBy(() -> client.updateCandidate(candidate, application, List.of(), List.of("ai-skill:SQL")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void a403NamesTheScopeToGrantAndIsPermanent() {
        routes.put("/v3/notes", q -> new Answer(403, "{\"message\":\"Forbidden\"}"));
        routes.put("/v3/applications", q -> ok("list_applications_response.json"));
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication("48206478002");
        assertThatThrownBy(() -> client.addNote(application, "x", AtsConnector.NoteVisibility.PRIVATE))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("harvest:notes:create", "Manage Scopes", "user 214",
                            "replay this dead letter", "Forbidden");
                });
    }

    @Test
    void theTokenLifetimeIsReadFromExpiresInOrExpiresAt() {
        Instant asked = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(GreenhouseTokens.lifetime(example("token_response.json"), asked)).isEqualTo(Duration.ofHours(1));
        // Greenhouse's own PHP client reads expires_at.
        ObjectNode at = JSON.createObjectNode().put("access_token", "t").put("token_type", "Bearer")
                .put("expires_at", asked.plusSeconds(1800).getEpochSecond());
        assertThat(GreenhouseTokens.lifetime(at, asked)).isEqualTo(Duration.ofMinutes(30));
        at.put("expires_at", "2026-12-07T10:45:00Z");
        assertThat(GreenhouseTokens.lifetime(at, asked)).isEqualTo(Duration.ofMinutes(45));
        assertThat(GreenhouseTokens.lifetime(JSON.createObjectNode(), asked)).as("documented one hour").isEqualTo(Duration.ofHours(1));
    }

    private JsonNode body(String method, String path) {
        Recorded recorded = requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + requests));
        try {
            return JSON.readTree(recorded.body());
        } catch (IOException e) {
            throw new AssertionError(recorded.body(), e);
        }
    }

    private static void assertSameKeys(JsonNode actual, JsonNode example) {
        assertThat(iterable(actual.fieldNames())).containsExactlyInAnyOrderElementsOf(iterable(example.fieldNames()));
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
