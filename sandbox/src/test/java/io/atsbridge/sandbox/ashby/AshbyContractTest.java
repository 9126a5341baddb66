package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.testing.Http;
import io.atsbridge.sandbox.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's answers and webhooks checked against the parts of Ashby's OpenAPI kept in
 * {@code contracts/ashby/openapi.yml}: every method it serves is in the document, and what it answers has the fields,
 * types and enum values the document requires. The check covers what the document's schemas use ($ref, allOf, oneOf,
 * anyOf, type, required, properties, items, enum), not formats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AshbyContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "ashby-contract-key";

    private JsonNode openapi;
    private JsonNode operations;
    private Sandbox sandbox;
    private AshbySimulator ashby;

    @BeforeAll
    void start() throws IOException {
        openapi = yaml("contracts/ashby/openapi.yml");
        operations = yaml("contracts/ashby/operations.yml");
        sandbox = Sandbox.start(SandboxSettings.builder().ashbyApiKey(KEY).retryTimeScale(1.0 / 10_000).build());
        ashby = sandbox.ashby();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void theContractFilesStandAloneAndNameTheSimulatorsMethods() throws IOException {
        List<String> refs = new ArrayList<>();
        collectRefs(openapi, refs);
        for (String ref : refs) {
            assertThat(resolve(ref)).as(ref).isNotNull();
        }
        Set<String> paths = new HashSet<>();
        openapi.path("paths").fieldNames().forEachRemaining(paths::add);
        for (String method : AshbyPermissions.REQUIRED.keySet()) {
            assertThat(paths).as("openapi.yml documents " + method).contains("/" + method);
            String description = openapi.path("paths").path("/" + method).path("post").path("description").asText();
            assertThat(description).as(method + " requires").contains("`" + AshbyPermissions.REQUIRED.get(method) + "`");
        }
        assertThat(operations.path("base").asText()).isEqualTo(AshbyRoutes.BASE);
        assertThat(operations.path("openapi").asText()).isEqualTo("openapi.yml");
        for (JsonNode operation : operations.path("operations")) {
            for (String example : List.of("request", "response")) {
                String file = operation.path(example).asText("");
                if (!file.isEmpty() && !operation.path(example).isNull()) {
                    try (InputStream in = resource("contracts/ashby/" + file)) {
                        assertThat(JSON.readTree(in).isObject()).as(file).isTrue();
                    }
                }
            }
        }
        // The check itself catches what the simulator used to send: an error without errors, a merge without ids.
        assertThat(violations(JSON.readTree("{\"success\": false, \"errorInfo\": {\"code\": \"invalid_input\"}}"),
                resolve("#/components/schemas/ErrorResponse"))).containsExactly("/errors: required but missing");
        assertThat(violations(JSON.readTree("{\"action\": \"candidateMerge\", \"data\": {\"deletedCandidate\": {\"id\": 7}}}"),
                openapi.at("/webhooks/candidateMerge/post/requestBody/content/application~1json/schema")))
                .containsExactly("/data/deletedCandidate/id: NUMBER is not \"string\"");
        JsonNode merge = example("webhook-candidateMerge.json");
        assertThat(violations(merge, openapi.at("/webhooks/candidateMerge/post/requestBody/content/application~1json/schema")))
                .isEmpty();
        assertThat(violations(example("error-missing_endpoint_permission.json"), resolve("#/components/schemas/ErrorResponse")))
                .isEmpty();
    }

    @Test
    void theSimulatorsAnswersFitTheOpenApi() throws Exception {
        AshbyJob job = ashby.addJob("Contract Job", "Screen", "AI Interview");
        AshbyCustomField score = ashby.addCustomField(AshbyObjectType.CANDIDATE, "Score", AshbyFieldType.NUMBER);
        AshbyCustomField verdict = ashby.addSelectField(AshbyObjectType.CANDIDATE, "Verdict", AshbyFieldType.VALUE_SELECT,
                List.of(new AshbySelectableValue("Strong yes", "strong_yes"), AshbySelectableValue.of("No")));
        String candidateId = ashby.addCandidate("Contract Candidate", List.of("contract@example.com"), List.of("Ruby"));
        String noEmail = ashby.addCandidate("No Email");
        String applicationId = ashby.addApplication(candidateId, job.id());
        String archived = ashby.addApplication(noEmail, job.id(), job.stageOfType("Archived").orElseThrow().id());
        ashby.setCustomField(AshbyObjectType.CANDIDATE, candidateId, verdict.id(), "strong_yes");
        String tagId = ashby.addTag("Contract").id();

        Map<String, String> calls = Map.ofEntries(
                Map.entry("candidate.info", "{\"id\": \"" + candidateId + "\"}"),
                Map.entry("candidate.listNotes", "{\"candidateId\": \"" + candidateId + "\", \"limit\": 1}"),
                Map.entry("candidate.createNote", "{\"candidateId\": \"" + candidateId + "\", \"note\": "
                        + "{\"type\": \"text/html\", \"value\": \"<b>x</b>\"}, \"isPrivate\": true}"),
                Map.entry("candidate.addTag", "{\"candidateId\": \"" + candidateId + "\", \"tagId\": \"" + tagId + "\"}"),
                Map.entry("candidateTag.list", "{}"),
                Map.entry("candidateTag.create", "{\"title\": \"Contract\"}"),
                Map.entry("application.info", "{\"applicationId\": \"" + applicationId + "\"}"),
                Map.entry("application.list", "{\"jobId\": \"" + job.id() + "\", \"limit\": 1}"),
                Map.entry("application.changeStage", "{\"applicationId\": \"" + applicationId + "\", \"interviewStageId\": \""
                        + job.stageTitled("AI Interview").id() + "\"}"),
                Map.entry("customField.list", "{}"),
                Map.entry("customField.setValue", "{\"objectType\": \"Candidate\", \"objectId\": \"" + candidateId
                        + "\", \"fieldId\": \"" + score.id() + "\", \"fieldValue\": 82}"),
                Map.entry("interviewStage.list", "{\"interviewPlanId\": \"" + job.interviewPlanId() + "\"}"),
                Map.entry("job.info", "{\"id\": \"" + job.id() + "\"}"));
        ashby.addNote(candidateId, ashby.apiUser().id(), "First", false);
        ashby.addNote(candidateId, ashby.apiUser().id(), "Second", false);
        for (Map.Entry<String, String> call : calls.entrySet()) {
            JsonNode answer = call(call.getKey(), call.getValue(), 200);
            assertThat(answer.path("success").asBoolean()).as(call.getKey() + " " + answer).isTrue();
            assertThat(violations(answer, responseSchema(call.getKey()))).as(call.getKey() + " " + answer).isEmpty();
        }
        JsonNode archivedApplication = call("application.info", "{\"applicationId\": \"" + archived + "\"}", 200);
        assertThat(violations(archivedApplication, responseSchema("application.info"))).as(archivedApplication.toString()).isEmpty();
        JsonNode bare = call("candidate.info", "{\"id\": \"" + noEmail + "\"}", 200);
        assertThat(violations(bare, responseSchema("candidate.info"))).as(bare.toString()).isEmpty();

        // Refusals: success false with errors and errorInfo, at 200 and at 403.
        JsonNode refused = call("candidate.info", "{\"id\": \"nope\"}", 200);
        assertThat(violations(refused, responseSchema("candidate.info"))).isEmpty();
        assertThat(violations(refused, resolve("#/components/schemas/ErrorResponse"))).isEmpty();
        ashby.setApiKeyPermissions(Set.of("candidatesRead"));
        try {
            JsonNode forbidden = call("candidate.createNote", "{\"candidateId\": \"" + candidateId + "\", \"note\": \"x\"}", 403);
            assertThat(violations(forbidden, resolve("#/components/schemas/ErrorResponse"))).as(forbidden.toString()).isEmpty();
        } finally {
            ashby.setApiKeyPermissions(AshbyPermissions.ALL);
        }
    }

    @Test
    void theSimulatorsWebhooksFitTheOpenApi() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ashby.configureWebhook(receiver.url(), "contract-secret");
            AshbyJob job = ashby.addJob("Webhook Job", "Screen", "AI Interview");
            String survivor = ashby.addCandidate("Survivor", "survivor@example.com");
            String duplicate = ashby.addCandidate("Duplicate");
            String applicationId = ashby.submitApplication(survivor, job.id());
            ashby.moveApplication(applicationId, job.stageTitled("AI Interview").id());
            ashby.hire(applicationId);
            ashby.mergeCandidates(survivor, duplicate);
            ashby.deleteCandidate(survivor);

            List<WebhookReceiver.Received> received = receiver.await(r -> r.size() >= 8, Duration.ofSeconds(10));
            Set<String> actions = new HashSet<>();
            for (WebhookReceiver.Received hook : received) {
                JsonNode body = JSON.readTree(hook.body());
                String action = body.path("action").asText();
                actions.add(action);
                JsonNode schema = openapi.at("/webhooks/" + action + "/post/requestBody/content/application~1json/schema");
                assertThat(schema.isMissingNode()).as(action + " is in openapi.yml").isFalse();
                assertThat(violations(body, schema)).as(action + " " + body).isEmpty();
                assertThat(body.path("webhookActionId").asText()).isNotBlank();
            }
            assertThat(actions).contains("applicationSubmit", "candidateStageChange", "applicationUpdate", "candidateHire",
                    "candidateMerge", "candidateDelete");
        } finally {
            ashby.configureWebhook(null, "");
        }
    }

    // ---------------------------------------------------------------- a small JSON Schema check

    private JsonNode responseSchema(String method) {
        return openapi.at("/paths/~1" + method + "/post/responses/200/content/application~1json/schema");
    }

    /** What in {@code value} does not fit {@code schema}, as JSON pointers with the reason; empty when it fits. */
    private List<String> violations(JsonNode value, JsonNode schema) {
        List<String> found = new ArrayList<>();
        check(value, schema, "", found);
        return found;
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> found) {
        if (schema == null || schema.isMissingNode()) {
            found.add(at + ": no schema");
            return;
        }
        if (schema.has("$ref")) {
            check(value, resolve(schema.get("$ref").asText()), at, found);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, at, found);
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.has(choice)) {
                boolean any = false;
                for (JsonNode option : schema.get(choice)) {
                    any |= violations(value, option).isEmpty();
                }
                if (!any) {
                    found.add(at + ": fits none of " + choice);
                }
            }
        }
        if (schema.has("type") && !typeFits(value, schema.get("type"))) {
            found.add(at + ": " + value.getNodeType() + " is not " + schema.get("type"));
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value) || (allowed.isTextual() && allowed.asText().equals(value.asText()) && value.isTextual());
            }
            if (!listed) {
                found.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    found.add(at + "/" + required.asText() + ": required but missing");
                }
            }
            schema.path("properties").fields().forEachRemaining(property -> {
                if (value.has(property.getKey())) {
                    check(value.get(property.getKey()), property.getValue(), at + "/" + property.getKey(), found);
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "/" + i, found);
            }
        }
    }

    private static boolean typeFits(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeFits(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private JsonNode resolve(String ref) {
        assertThat(ref).as("only references inside openapi.yml").startsWith("#/");
        JsonNode target = openapi.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    private JsonNode call(String method, String body, int status) throws Exception {
        HttpResponse<String> response = Http.send("POST", sandbox.ashbyBaseUrl() + "/" + method, body,
                "Authorization", Http.basic(KEY), "Accept", "application/json; version=1");
        assertThat(response.statusCode()).as(method + " " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static JsonNode example(String name) throws IOException {
        try (InputStream in = resource("contracts/ashby/examples/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static JsonNode yaml(String name) throws IOException {
        try (InputStream in = resource(name)) {
            Object loaded = new Yaml().load(in);
            return JSON.valueToTree(loaded);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AshbyContractTest.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no resource " + name + " on the class path");
        }
        return in;
    }
}
