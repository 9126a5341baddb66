package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.contract.ContractViolation.Part;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract checker on the repository's own contracts: the vendors' documented examples pass their own
 * contracts, and each way of leaving a contract is caught and said plainly. The failures here are on purpose.
 */
class ContractCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTES = "/greenhouse/v1/candidates/53883394/activity_feed/notes";
    private static final String ADD_NOTE_SOURCE = "Greenhouse Harvest API v1 documentation, POST: Add Note";

    private final ContractChecker checker = ContractChecker.fromClasspath();

    @Test
    void loadsTheSeededContracts() {
        assertThat(checker.apis()).containsExactlyInAnyOrder("greenhouse-harvest-v1", "greenhouse-harvest-v3",
                "greenhouse-oauth", "greenhouse-assessment-partner", "lever", "ashby");
    }

    @Test
    void everyDocumentedExamplePassesItsOwnContract() throws IOException {
        ContractChecker fresh = ContractChecker.load(getClass().getClassLoader(), ContractChecker.ROOT);
        int checkedExamples = 0;
        for (String api : fresh.apis()) {
            ApiContract contract = fresh.contract(api);
            for (ContractOperation operation : contract.operations()) {
                List<String> files = exampleFiles(api, operation.id());
                if (files.isEmpty()) {
                    continue;
                }
                byte[] request = files.get(0) == null ? new byte[0] : resource(api, files.get(0));
                byte[] response = files.get(1) == null ? new byte[0] : resource(api, files.get(1));
                int status = operation.successStatus() == null ? 200 : operation.successStatus();
                ContractCheck check = fresh.check(api, operation.method(), contract.base() + concrete(operation.path()),
                        null, request, status, response);
                assertThat(check.violations()).as(api + " " + operation.id()).isEmpty();
                assertThat(check.operation()).isEqualTo(operation.id());
                checkedExamples++;
            }
        }
        assertThat(checkedExamples).as("operations with documented examples").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aNoteAsDocumentedPasses() throws IOException {
        ContractCheck check = addNote(exampleRequest(), exampleResponse());

        assertThat(check.coverage()).isEqualTo(ContractCheck.Coverage.CHECKED);
        assertThat(check.operation()).isEqualTo("addNote");
        assertThat(check.violations()).isEmpty();
    }

    @Test
    void aResponseFieldTheExampleLacksIsInvented() throws IOException {
        ObjectNode response = exampleResponse();
        response.put("pinned", true);
        response.withObject("/user").put("avatar_url", "https://example.com/a.png");

        List<ContractViolation> violations = addNote(exampleRequest(), response).violations();

        assertThat(violations).extracting(ContractViolation::pointer).containsExactlyInAnyOrder("/pinned", "/user/avatar_url");
        ContractViolation pinned = violations.stream().filter(v -> v.pointer().equals("/pinned")).findFirst().orElseThrow();
        assertThat(pinned.part()).isEqualTo(Part.RESPONSE);
        assertThat(pinned.operation()).isEqualTo("addNote");
        assertThat(pinned.source()).startsWith(ADD_NOTE_SOURCE);
        assertThat(pinned.message()).isEqualTo("greenhouse-harvest-v1 addNote POST " + NOTES + ": response body at /pinned: "
                + "field not in the documented example: a simulator must not invent fields a connector would then rely on "
                + "(examples/greenhouse_harvest_v1_add_note_response.json) [source: " + pinned.source() + "]");
    }

    @Test
    void aDocumentedResponseFieldMissingIsReported() throws IOException {
        ObjectNode response = exampleResponse();
        // The legacy misspelling is documented, so a connector may read it; the simulator must send it.
        response.remove("visiblity");
        response.withObject("/user").remove("employee_id");

        List<ContractViolation> violations = addNote(exampleRequest(), response).violations();

        assertThat(violations).extracting(ContractViolation::pointer).containsExactlyInAnyOrder("/visiblity", "/user/employee_id");
        assertThat(violations).allSatisfy(v -> assertThat(v.problem())
                .isEqualTo("documented field missing (examples/greenhouse_harvest_v1_add_note_response.json)"));
    }

    @Test
    void aWrongTypeIsReportedWithWhatWasExpected() throws IOException {
        ObjectNode response = exampleResponse();
        response.put("id", "226809052");
        response.put("private", "false");

        List<ContractViolation> violations = addNote(exampleRequest(), response).violations();

        assertThat(violations).extracting(ContractViolation::pointer).containsExactlyInAnyOrder("/id", "/private");
        ContractViolation id = violations.stream().filter(v -> v.pointer().equals("/id")).findFirst().orElseThrow();
        assertThat(id.problem()).startsWith("wrong type: ").contains("string").contains("number")
                .endsWith("(examples/greenhouse_harvest_v1_add_note_response.json)");
    }

    @Test
    void aRequestFieldTheVendorDoesNotDocumentIsReportedButOmittedFieldsAreFine() throws IOException {
        ObjectNode request = exampleRequest();
        request.remove("visibility");
        request.put("pinned", true);
        // The parameter table says integer where the example sends a string: the override takes both.
        request.put("user_id", 158108);

        List<ContractViolation> violations = addNote(request, exampleResponse()).violations();

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.part()).isEqualTo(Part.REQUEST);
            assertThat(v.pointer()).isEqualTo("/pinned");
            assertThat(v.problem()).isEqualTo("field the vendor does not document for this request "
                    + "(examples/greenhouse_harvest_v1_add_note_request.json)");
        });
    }

    @Test
    void anUndocumentedEndpointIsReportedInACompleteContract() {
        ContractCheck misspelt = checker.check("greenhouse-harvest-v1", "GET", "/greenhouse/v1/job_stagez", null,
                new byte[0], 404, new byte[0]);
        ContractCheck wrongMethod = checker.check("greenhouse-harvest-v1", "DELETE", "/greenhouse/v1/candidates/7/activity_feed/notes",
                null, new byte[0], 404, new byte[0]);

        assertThat(misspelt.violations()).singleElement().satisfies(v -> {
            assertThat(v.part()).isEqualTo(Part.ENDPOINT);
            assertThat(v.operation()).isNull();
            assertThat(v.message()).isEqualTo("greenhouse-harvest-v1 GET /greenhouse/v1/job_stagez: "
                    + "undocumented endpoint: no documented operation has the path /job_stagez");
        });
        assertThat(wrongMethod.violations()).singleElement().extracting(ContractViolation::problem)
                .isEqualTo("undocumented endpoint: DELETE is not documented for /candidates/7/activity_feed/notes (documented: POST)");
    }

    @Test
    void aPartialContractLeavesUnlistedEndpointsUncheckedAndAnApiWithoutContractIsNotChecked() {
        ContractChecker checker = ContractChecker.load(getClass().getClassLoader(), "contracts-partial");
        ContractCheck unlisted = checker.check("lever", "GET", "/lever/v1/stages", null, new byte[0], 200,
                "{\"data\":[],\"invented\":1}".getBytes(StandardCharsets.UTF_8));
        ContractCheck noContract = checker.check("greenhouse-harvest-v3", "GET", "/greenhouse/v3/job_stages", null,
                new byte[0], 200, "[]".getBytes(StandardCharsets.UTF_8));

        assertThat(unlisted.coverage()).isEqualTo(ContractCheck.Coverage.NOT_LISTED);
        assertThat(unlisted.violations()).isEmpty();
        assertThat(noContract.coverage()).isEqualTo(ContractCheck.Coverage.NO_CONTRACT);
        assertThat(noContract.violations()).isEmpty();
    }

    @Test
    void aDocumentedSuccessStatusIsHeldTo() {
        byte[] request = "{\"value\":\"Strong yes\",\"score\":4,\"secret\":false}".getBytes(StandardCharsets.UTF_8);
        byte[] response = "{\"data\":{\"noteId\":\"915a6cef-4f91-4f3d-b8ff-a49e1eae2c30\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(checker.check("lever", "POST", "/lever/v1/opportunities/o1/notes", "perform_as=u1", request, 201, response)
                .violations()).isEmpty();
        assertThat(checker.check("lever", "POST", "/lever/v1/opportunities/o1/notes", null, request, 200, response)
                .violations()).singleElement().extracting(ContractViolation::problem).isEqualTo("status 200 (documented: 201)");
    }

    @Test
    void anOpenApiResponseThatLeavesTheSchemaIsReported() throws IOException {
        ObjectNode candidate = ashbyCandidate();
        ObjectNode response = JSON.createObjectNode().put("success", true);
        response.set("results", candidate);
        byte[] request = "{\"id\":\"f9e52a51-a075-4116-a7b8-484deba69004\"}".getBytes(StandardCharsets.UTF_8);

        // A string custom field value fits three of the published oneOf's alternatives (String, LongText, ValueSelect).
        ((ArrayNode) candidate.get("customFields")).addObject().put("id", "650e5f74-32db-4a0a-b61b-b9afece05025")
                .put("title", "AI Summary").put("value", "Strong systems thinking");
        ContractCheck valid = checker.check("ashby", "POST", "/ashby/candidate.info", null, request, 200, bytes(response));
        candidate.putNull("position");
        candidate.remove("profileUrl");
        ContractCheck invalid = checker.check("ashby", "POST", "/ashby/candidate.info", null, request, 200, bytes(response));

        assertThat(valid.operation()).isEqualTo("candidateInfo");
        assertThat(valid.violations()).isEmpty();
        assertThat(invalid.violations()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.part()).isEqualTo(Part.RESPONSE);
            assertThat(v.source()).contains("(OpenAPI, version 1.0.0), candidate.info")
                    .contains("contracts/ashby/SOURCE.md");
        });
        assertThat(invalid.violations()).extracting(ContractViolation::pointer).contains("/results/position", "/results/profileUrl");
        assertThat(invalid.violations()).filteredOn(v -> v.pointer().equals("/results/position")).first()
                .extracting(ContractViolation::problem).asString().startsWith("wrong type: ").contains("null").contains("string");
    }

    @Test
    void anOpenApiRequestThatLeavesTheSchemaIsReported() {
        byte[] request = "{\"candidateId\":\"f9e52a51-a075-4116-a7b8-484deba69004\",\"note\":{\"type\":\"text/markdown\",\"value\":\"**yes**\"}}"
                .getBytes(StandardCharsets.UTF_8);

        byte[] response = ("{\"success\":true,\"results\":{\"id\":\"3ae2b801-19f6-41ef-ad28-214bd731948f\","
                + "\"createdAt\":\"2022-08-12T20:29:56.964Z\",\"isPrivate\":false,\"content\":\"**yes**\","
                + "\"author\":{\"id\":\"e9ed20fd-d45f-4aad-8a00-a19bfba0083e\",\"firstName\":\"Joey\",\"lastName\":\"Joe\"}}}")
                .getBytes(StandardCharsets.UTF_8);

        List<ContractViolation> violations = checker.check("ashby", "POST", "/ashby/candidate.createNote", null, request,
                200, response).violations();

        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.part()).isEqualTo(Part.REQUEST));
        assertThat(violations).extracting(ContractViolation::message).contains("ashby candidateCreateNote POST "
                + "/ashby/candidate.createNote: request body at /note/type: does not have a value in the enumeration "
                + "[\"text/plain\", \"text/html\"] (contracts/ashby/openapi.yml "
                + "#/paths/~1candidate.createNote/post/requestBody/content/application~1json/schema) [source: Ashby API "
                + "(the parts atsbridge uses) (OpenAPI, version 1.0.0), candidate.createNote (contracts/ashby/openapi.yml #/paths/~1candidate.createNote/post; "
                + "where it comes from: contracts/ashby/SOURCE.md)]");
    }

    @Test
    void anAssumedShapeIsCitedAsAnAssumption() {
        ContractChecker assumed = ContractChecker.load(getClass().getClassLoader(), "contracts-assumed");

        List<ContractViolation> violations = assumed.check("lever", "GET", "/lever/v1/archive_reasons", null, new byte[0], 200,
                "{\"data\":[{\"id\":\"r1\",\"text\":\"Withdrew\",\"status\":\"active\"}]}".getBytes(StandardCharsets.UTF_8))
                .violations();

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/data/0/type");
            assertThat(v.source()).isEqualTo("ASSUMED, not in the vendor's public material (the response shape is what our "
                    + "connector reads; no documented example was found); test: no public example");
        });
    }

    @Test
    void aBodyThatFitsNoAlternativeSaysWhatEachExpected() {
        byte[] request = "{\"id\":\"f9e52a51-a075-4116-a7b8-484deba69004\"}".getBytes(StandardCharsets.UTF_8);
        // Ashby's error response: errorInfo without the (deprecated, still required) errors list.
        byte[] response = "{\"success\":false,\"errorInfo\":{\"code\":\"candidate_not_found\"}}".getBytes(StandardCharsets.UTF_8);

        List<ContractViolation> violations = checker.check("ashby", "POST", "/ashby/candidate.info", null, request, 200, response)
                .violations();

        assertThat(violations).singleElement().extracting(ContractViolation::problem).asString()
                .startsWith("must be valid to one and only one schema, but 0 are valid (alternative 0: required property "
                        + "'results' not found; alternative 1: required property 'errors' not found)");
    }

    @Test
    void aMalformedContractIsRefusedNamingTheFileAndKey() {
        assertThatThrownBy(() -> ContractChecker.load(getClass().getClassLoader(), "contracts-malformed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("contracts-malformed/lever/operations.yml: operations[0].request: "
                        + "override /missing/field (at /missing): the example has no field 'missing' there");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ContractCheck addNote(JsonNode request, JsonNode response) {
        return checker.check("greenhouse-harvest-v1", "POST", NOTES, null, bytes(request), 201, bytes(response));
    }

    private static ObjectNode exampleRequest() throws IOException {
        return (ObjectNode) JSON.readTree(resource("greenhouse-harvest-v1", "examples/greenhouse_harvest_v1_add_note_request.json"));
    }

    private static ObjectNode exampleResponse() throws IOException {
        return (ObjectNode) JSON.readTree(resource("greenhouse-harvest-v1", "examples/greenhouse_harvest_v1_add_note_response.json"));
    }

    /** A candidate as Ashby's OpenAPI describes one, every required field set. */
    private static ObjectNode ashbyCandidate() {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", "f9e52a51-a075-4116-a7b8-484deba69004");
        c.put("createdAt", "2022-08-12T20:29:56.964Z");
        c.put("name", "Adam Hart");
        ObjectNode email = JSON.createObjectNode().put("value", "test@ashbyhq.com").put("type", "Work").put("isPrimary", true);
        c.set("primaryEmailAddress", email);
        c.putArray("emailAddresses").add(email.deepCopy());
        c.putArray("phoneNumbers");
        c.putArray("socialLinks");
        ArrayNode tags = c.putArray("tags");
        tags.addObject().put("id", "38430ede-5bd2-41fc-b474-87591cb98cbc").put("title", "Senior Candidate").put("isArchived", false);
        c.put("position", "Software Engineer");
        c.putArray("applicationIds").add("3ae2b801-19f6-41ef-ad28-214bd731948f");
        c.putArray("fileHandles");
        c.putArray("customFields").addObject().put("id", "650e5f74-32db-4a0a-b61b-b9afece05024")
                .put("title", "Years of experience").put("value", 5);
        c.put("profileUrl", "https://app.ashbyhq.com/candidates/f9e52a51-a075-4116-a7b8-484deba69004");
        return c;
    }

    /** The request and response example files of an operation, by reading its operations.yml entry. */
    private static List<String> exampleFiles(String api, String operationId) throws IOException {
        JsonNode yml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(resource(api, "operations.yml"));
        for (JsonNode operation : yml.path("operations")) {
            if (operation.path("id").asText().equals(operationId)
                    && (operation.has("request") || operation.has("response"))) {
                List<String> files = new ArrayList<>();
                files.add(operation.hasNonNull("request") ? operation.get("request").asText() : null);
                files.add(operation.hasNonNull("response") ? operation.get("response").asText() : null);
                return files;
            }
        }
        return List.of();
    }

    /** A path that matches the template: each {x} becomes 7. */
    private static String concrete(PathTemplate template) {
        return template.text().replaceAll("\\{[^}/]+}", "7");
    }

    private static byte[] resource(String api, String file) throws IOException {
        try (InputStream in = ContractCheckerTest.class.getClassLoader()
                .getResourceAsStream(ContractChecker.ROOT + "/" + api + "/" + file)) {
            assertThat(in).as(api + "/" + file).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
