package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.atsbridge.sandbox.contract.BodySchema.SchemaProblem;
import io.atsbridge.sandbox.contract.ContractViolation.Part;
import io.atsbridge.sandbox.contract.ExampleSchema.Direction;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds exchanges with a simulated (or real) vendor API to the vendor's published contract: the operations its
 * documentation lists, the schemas of their bodies from its OpenAPI document, or schemas inferred from its documented
 * example bodies (see {@link ExampleSchema}). The contracts are classpath resources under {@code contracts/<api>/}
 * (format: {@code contracts/README.md}); an API without {@code operations.yml} has no contract yet and is not checked.
 *
 * <pre>{@code
 * ContractCheck check = ContractChecker.fromClasspath().check("lever", "POST", "/lever/v1/opportunities/7/notes",
 *         "perform_as=u1", requestBytes, 201, responseBytes);
 * check.violations().forEach(v -> System.out.println(v.message()));
 * }</pre>
 *
 * Immutable and thread-safe once loaded. The query string is accepted for completeness but not checked yet: no
 * contract documents query parameters so far.
 */
public final class ContractChecker {

    /** Where the contracts are on the class path. */
    public static final String ROOT = "contracts";

    /**
     * Every vendor API a contract may be written for, with the path prefix the sandbox serves it under (null when
     * the sandbox does not serve it: Greenhouse's assessment-partner API is served by edge-gateway, to Greenhouse).
     */
    private static final Map<String, String> KNOWN_APIS = known();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> API_KEYS = Set.of("api", "base", "scope", "openapi", "operations");
    private static final Set<String> OPERATION_KEYS = Set.of("id", "method", "path", "source", "status", "request",
            "response", "errors", "documented", "note", "overrides", "schema", "when");
    private static final Set<String> OVERRIDE_KEYS = Set.of("pointer", "type", "map", "optional", "nullable", "why");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final List<String> OPENAPI_METHODS = List.of("get", "put", "post", "delete", "patch");

    private static final class Shared {
        static final ContractChecker INSTANCE = load(ContractChecker.class.getClassLoader(), ROOT);
    }

    private final Map<String, ApiContract> contracts;

    private ContractChecker(Map<String, ApiContract> contracts) {
        this.contracts = Collections.unmodifiableMap(new LinkedHashMap<>(contracts));
    }

    /**
     * The contracts on this class path, loaded once per JVM.
     *
     * @throws IllegalStateException when a contract is malformed (the message names the file and the key)
     */
    public static ContractChecker fromClasspath() {
        return Shared.INSTANCE;
    }

    /** Loads the contracts of every known API found under {@code root} on {@code loader}'s class path. */
    static ContractChecker load(ClassLoader loader, String root) {
        Map<String, ApiContract> contracts = new LinkedHashMap<>();
        for (Map.Entry<String, String> api : KNOWN_APIS.entrySet()) {
            ApiContract contract = loadApi(loader, root, api.getKey(), api.getValue());
            if (contract != null) {
                contracts.put(api.getKey(), contract);
            }
        }
        return new ContractChecker(contracts);
    }

    /** The APIs that have a contract. */
    public Set<String> apis() {
        return contracts.keySet();
    }

    /** The contract of {@code api}, or null when it has none. */
    @Nullable
    ApiContract contract(String api) {
        return contracts.get(api);
    }

    /**
     * The APIs a contract may be written for (see {@code contracts/README.md}), in a fixed order, each with the path
     * prefix the sandbox serves it under, or null when the sandbox does not serve it.
     */
    public static Map<String, String> knownApis() {
        return KNOWN_APIS;
    }

    private static Map<String, String> known() {
        Map<String, String> apis = new LinkedHashMap<>();
        apis.put("greenhouse-harvest-v1", "/greenhouse/v1");
        apis.put("greenhouse-harvest-v3", "/greenhouse/v3");
        apis.put("greenhouse-oauth", "/greenhouse/auth");
        apis.put("greenhouse-assessment-partner", null);
        apis.put("lever", "/lever/v1");
        apis.put("ashby", "/ashby");
        apis.put("ai-vendor", "/ai");
        return Collections.unmodifiableMap(apis);
    }

    /**
     * Checks one exchange.
     *
     * @param api          the API, e.g. {@code greenhouse-harvest-v1}
     * @param method       the request's HTTP method
     * @param path         the request path including the API's base, e.g. {@code /greenhouse/v1/candidates/7}
     * @param query        the raw query string, or null (not checked yet)
     * @param requestBody  the request body as sent (empty when none); null when it is not known (not checked then)
     * @param status       the response status
     * @param responseBody the response body as sent (empty when none)
     */
    public ContractCheck check(String api, String method, String path, @Nullable String query, @Nullable byte[] requestBody,
                               int status, byte[] responseBody) {
        ApiContract contract = contracts.get(api);
        if (contract == null) {
            return new ContractCheck(api, null, ContractCheck.Coverage.NO_CONTRACT, List.of());
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (!path.startsWith(contract.base())) {
            return new ContractCheck(api, null, ContractCheck.Coverage.CHECKED, List.of(new ContractViolation(api, null,
                    upper, path, Part.ENDPOINT, "", "undocumented endpoint: the path is outside the API's base "
                    + contract.base(), null)));
        }
        String below = path.substring(contract.base().length());
        if (below.isEmpty()) {
            below = "/";
        }
        ContractOperation operation = contract.match(upper, below, parsedOrNull(requestBody));
        if (operation == null) {
            if (contract.scope() == ApiContract.Scope.PARTIAL) {
                return new ContractCheck(api, null, ContractCheck.Coverage.NOT_LISTED, List.of());
            }
            TreeSet<String> others = contract.methodsFor(below);
            String problem = others.isEmpty()
                    ? "undocumented endpoint: no documented operation has the path " + below
                    : "undocumented endpoint: " + upper + " is not documented for " + below + " (documented: "
                    + String.join(", ", others) + ")";
            return new ContractCheck(api, null, ContractCheck.Coverage.CHECKED,
                    List.of(new ContractViolation(api, null, upper, path, Part.ENDPOINT, "", problem, null)));
        }
        List<ContractViolation> violations = new ArrayList<>();
        if (operation.request() != null && requestBody != null) {
            checkBody(contract, operation, upper, path, Part.REQUEST, operation.request(), requestBody,
                    operation.requestBodyRequired(), violations);
        }
        boolean success = status >= 200 && status < 300;
        if (success && operation.successStatus() != null && status != operation.successStatus()) {
            violations.add(new ContractViolation(api, operation.id(), upper, path, Part.RESPONSE, "",
                    "status " + status + " (documented: " + operation.successStatus() + ")", operation.citation()));
        }
        BodySchema response = operation.responseFor(status);
        if (response != null) {
            // A documented body is due whatever the status; 204 says there is none.
            checkBody(contract, operation, upper, path, Part.RESPONSE, response, responseBody, status != 204, violations);
        }
        return new ContractCheck(api, operation.id(), ContractCheck.Coverage.CHECKED, violations);
    }

    private static void checkBody(ApiContract contract, ContractOperation operation, String method, String path,
                                  Part part, BodySchema schema, byte[] body, boolean required,
                                  List<ContractViolation> violations) {
        String side = part == Part.REQUEST ? "request" : "response";
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            if (required) {
                violations.add(new ContractViolation(contract.name(), operation.id(), method, path, part, "",
                        "no body (documented: a JSON body, " + schema.origin() + ")", operation.citation()));
            }
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            violations.add(new ContractViolation(contract.name(), operation.id(), method, path, part, "",
                    "the " + side + " body is not JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")",
                    operation.citation()));
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (SchemaProblem problem : schema.validate(json)) {
            String text = describe(problem, part, schema);
            if (seen.add(problem.pointer() + " " + text)) {
                violations.add(new ContractViolation(contract.name(), operation.id(), method, path, part,
                        problem.pointer(), text, operation.citation()));
            }
        }
    }

    /** A problem in the words of the contract: what the vendor documents, and what the exchange did instead. */
    private static String describe(SchemaProblem problem, Part part, BodySchema schema) {
        String origin = " (" + schema.origin() + ")";
        return switch (problem.keyword()) {
            case "additionalProperties", "unevaluatedProperties" -> {
                if (!schema.fromExample()) {
                    yield "field the vendor's schema does not define" + origin;
                }
                yield part == Part.RESPONSE
                        ? "field not in the documented example: a simulator must not invent fields a connector would then rely on" + origin
                        : "field the vendor does not document for this request" + origin;
            }
            case "required" -> (part == Part.RESPONSE ? "documented field missing" : "required field missing") + origin;
            case "type" -> "wrong type: " + problem.message() + origin;
            default -> problem.message() + origin;
        };
    }

    // ------------------------------------------------------------------------------------------------ loading

    @Nullable
    private static ApiContract loadApi(ClassLoader loader, String root, String api, @Nullable String servedAt) {
        String dir = root + "/" + api + "/";
        String file = dir + "operations.yml";
        JsonNode yml = read(loader, file, YAML);
        if (yml == null) {
            return null;
        }
        Where at = new Where(file);
        at.only(yml, API_KEYS);
        String declared = at.text(yml, "api");
        if (!declared.equals(api)) {
            throw at.fail("api", "'" + declared + "' (expected: '" + api + "', the directory's name)");
        }
        String base = at.text(yml, "base");
        if (servedAt != null && !base.equals(servedAt)) {
            throw at.fail("base", "'" + base + "' (expected: '" + servedAt + "', where the sandbox serves " + api + ")");
        }
        ApiContract.Scope scope = switch (yml.path("scope").asText("complete")) {
            case "complete" -> ApiContract.Scope.COMPLETE;
            case "partial" -> ApiContract.Scope.PARTIAL;
            default -> throw at.fail("scope", "'" + yml.path("scope").asText() + "' (expected: complete or partial)");
        };
        List<ContractOperation> operations = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        JsonNode listed = yml.path("operations");
        for (int i = 0; i < listed.size(); i++) {
            ContractOperation operation = exampleOperation(loader, dir, listed.get(i), at.in("operations[" + i + "]."));
            if (!ids.add(operation.id())) {
                throw at.fail("operations[" + i + "].id", "'" + operation.id() + "' appears twice");
            }
            operations.add(operation);
        }
        if (yml.hasNonNull("openapi")) {
            for (ContractOperation operation : openApiOperations(loader, dir, api, at.text(yml, "openapi"))) {
                if (ids.add(operation.id())) {
                    operations.add(operation);
                }
            }
        }
        return new ApiContract(api, base, scope, operations);
    }

    private static ContractOperation exampleOperation(ClassLoader loader, String dir, JsonNode node, Where at) {
        at.only(node, OPERATION_KEYS);
        String id = at.text(node, "id");
        String method = at.text(node, "method").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw at.fail("method", "'" + method + "' (expected one of " + new TreeSet<>(METHODS) + ")");
        }
        PathTemplate path;
        try {
            path = PathTemplate.of(at.text(node, "path"));
        } catch (IllegalArgumentException e) {
            throw at.fail("path", String.valueOf(e.getMessage()));
        }
        String source = at.text(node, "source");
        boolean documented = node.path("documented").asBoolean(true);
        String note = node.hasNonNull("note") ? node.get("note").asText() : null;
        if (!documented && (note == null || note.isBlank())) {
            throw at.fail("note", "missing (an operation that is not documented must say why its shape is assumed)");
        }
        Integer status = node.hasNonNull("status") ? node.get("status").asInt() : null;
        Map<String, List<SchemaOverride>> overrides = overrides(node.path("overrides"), at.in("overrides."));
        BodySchema request = null;
        if (node.hasNonNull("schema")) {
            // A request the vendor's OpenAPI describes outside its paths (a webhook Ashby sends): held to that schema.
            request = referencedSchema(dir, at.text(node, "schema"), at.in("schema "));
        } else if (node.hasNonNull("request")) {
            request = exampleSchema(loader, dir, node.get("request").asText(), Direction.REQUEST,
                    overrides.getOrDefault("request", List.of()), at.in("request "));
        }
        Map<String, BodySchema> responses = new LinkedHashMap<>();
        if (node.hasNonNull("response")) {
            BodySchema success = exampleSchema(loader, dir, node.get("response").asText(), Direction.RESPONSE,
                    overrides.getOrDefault("response", List.of()), at.in("response "));
            responses.put(status != null ? Integer.toString(status) : "2XX", success);
            if (status != null) {
                responses.put("2XX", success);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("errors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> error = it.next();
            responses.put(error.getKey(), exampleSchema(loader, dir, error.getValue().asText(), Direction.RESPONSE,
                    overrides.getOrDefault("errors." + error.getKey(), List.of()), at.in("errors." + error.getKey() + " ")));
        }
        ContractOperation.When when = null;
        if (node.hasNonNull("when")) {
            JsonNode w = node.get("when");
            at.in("when.").only(w, Set.of("pointer", "equals"));
            when = new ContractOperation.When(at.in("when.").text(w, "pointer"), at.in("when.").text(w, "equals"));
        }
        return new ContractOperation(id, method, path, source, documented, note, status, request, false, responses, when);
    }

    private static Map<String, List<SchemaOverride>> overrides(JsonNode node, Where at) {
        Map<String, List<SchemaOverride>> bySide = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> side = it.next();
            List<SchemaOverride> list = new ArrayList<>();
            for (int i = 0; i < side.getValue().size(); i++) {
                JsonNode o = side.getValue().get(i);
                Where here = at.in(side.getKey() + "[" + i + "].");
                here.only(o, OVERRIDE_KEYS);
                List<String> types = null;
                if (o.has("type")) {
                    types = new ArrayList<>();
                    if (o.get("type").isArray()) {
                        for (JsonNode t : o.get("type")) {
                            types.add(t.asText());
                        }
                    } else {
                        types.add(o.get("type").asText());
                    }
                }
                try {
                    list.add(new SchemaOverride(here.text(o, "pointer"), types, o.path("map").asBoolean(false),
                            o.path("optional").asBoolean(false), o.path("nullable").asBoolean(false),
                            o.path("why").asText("")));
                } catch (IllegalArgumentException e) {
                    throw here.fail("", String.valueOf(e.getMessage()));
                }
            }
            bySide.put(side.getKey(), list);
        }
        return bySide;
    }

    private static BodySchema exampleSchema(ClassLoader loader, String dir, String file, Direction direction,
                                            List<SchemaOverride> overrides, Where at) {
        JsonNode example = read(loader, dir + file, JSON);
        if (example == null) {
            throw at.fail("", "'" + file + "' is not on the class path under " + dir);
        }
        ObjectNode schema;
        try {
            schema = ExampleSchema.of(example, direction, overrides);
        } catch (IllegalStateException e) {
            throw at.fail("", String.valueOf(e.getMessage()));
        }
        return JsonSchemas.example(schema, file);
    }

    /** The body as JSON, or null when it is absent or not JSON (then no operation that needs a body field matches). */
    @Nullable
    private static JsonNode parsedOrNull(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code openapi.yml#/webhooks/candidateMerge/post/requestBody/content/application~1json/schema}: a schema in one of the API's OpenAPI documents. */
    private static BodySchema referencedSchema(String dir, String reference, Where at) {
        int hash = reference.indexOf('#');
        if (hash <= 0 || !reference.substring(hash + 1).startsWith("/")) {
            throw at.fail("", "'" + reference + "' (expected: <openapi file>#/<json pointer>, e.g. openapi.yml#/webhooks/candidateMerge)");
        }
        try {
            return JsonSchemas.openApi(dir + reference.substring(0, hash)).schema(reference.substring(hash + 1));
        } catch (RuntimeException e) {
            throw at.fail("", "'" + reference + "' cannot be resolved (" + e.getMessage() + ")");
        }
    }

    private static List<ContractOperation> openApiOperations(ClassLoader loader, String dir, String api, String file) {
        JsonNode document = read(loader, dir + file, file.endsWith(".json") ? JSON : YAML);
        if (document == null) {
            throw new IllegalStateException(dir + "operations.yml: openapi: '" + file + "' is not on the class path under " + dir);
        }
        JsonSchemas.OpenApiDocument openApi = JsonSchemas.openApi(dir + file);
        String title = document.path("info").path("title").asText(api) + " (OpenAPI, version "
                + document.path("info").path("version").asText("?") + ")";
        List<ContractOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> item = paths.next();
            if (item.getValue().has("x-atsbridge-excerpt")) {
                continue;
            }
            for (String method : OPENAPI_METHODS) {
                JsonNode op = item.getValue().get(method);
                if (op == null) {
                    continue;
                }
                String pointer = "/paths/" + escape(item.getKey()) + "/" + method;
                BodySchema request = null;
                if (op.path("requestBody").path("content").path("application/json").has("schema")) {
                    request = openApi.schema(pointer + "/requestBody/content/application~1json/schema");
                }
                Map<String, BodySchema> responses = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = it.next();
                    if (response.getValue().path("content").path("application/json").has("schema")) {
                        responses.put(response.getKey().toUpperCase(Locale.ROOT).equals("DEFAULT") ? "default"
                                        : response.getKey().toUpperCase(Locale.ROOT),
                                openApi.schema(pointer + "/responses/" + escape(response.getKey())
                                        + "/content/application~1json/schema"));
                    }
                }
                String id = op.path("operationId").asText(method + item.getKey());
                String source = title + ", " + op.path("summary").asText(id) + " (" + ROOT + "/" + api + "/" + file
                        + " #" + pointer + "; where it comes from: " + ROOT + "/" + api + "/SOURCE.md)";
                operations.add(new ContractOperation(id, method.toUpperCase(Locale.ROOT), PathTemplate.of(item.getKey()),
                        source, true, null, null, request, op.path("requestBody").path("required").asBoolean(false),
                        responses, null));
            }
        }
        return operations;
    }

    static String escape(String pointerSegment) {
        return pointerSegment.replace("~", "~0").replace("/", "~1");
    }

    @Nullable
    private static JsonNode read(ClassLoader loader, String resource, ObjectMapper mapper) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(resource + ": not valid " + (mapper == YAML ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(resource + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Where in a contract file a value is, for messages that name the file and the key. */
    private record Where(String file, String prefix) {

        Where(String file) {
            this(file, "");
        }

        Where in(String more) {
            return new Where(file, prefix + more);
        }

        String text(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull() || value.asText().isBlank()) {
                throw fail(key, "missing");
            }
            return value.asText();
        }

        void only(JsonNode node, Set<String> allowed) {
            if (!node.isObject()) {
                throw fail("", "expected a mapping, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw fail(key, "unknown key (allowed here: " + new TreeSet<>(allowed) + ")");
                }
            }
        }

        IllegalStateException fail(String key, String problem) {
            String where = (prefix + key).trim();
            return new IllegalStateException(file + ": " + (where.isEmpty() ? "" : where + ": ") + problem);
        }
    }
}
